// CSV or JSON export of recorded tool calls for a range, streamed in pages like the usage
// export. Metadata only: argument values and results are never stored, so never exported.
import { db } from "@/lib/db";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Range } from "@/lib/usage/attribution";
import { after, exportStream } from "@/lib/usage/export-stream";

const COLUMNS = [
  "id",
  "createdAt",
  "keyId",
  "userId",
  "teamId",
  "serverId",
  "serverSlug",
  "tool",
  "outcome",
  "status",
  "errorCode",
  "latencyMs",
  "bytesIn",
  "bytesOut",
  "costUsd",
  "findings",
] as const;
const PAGE = 5_000;

export function toolCallsExport({ actor, range, format = "csv" }: { actor: Actor; range: Range; format?: "csv" | "json" }): ReadableStream<Uint8Array> {
  requirePermission(actor, "usage.read.own");
  const own = !can(actor, "usage.read.all") && actor.kind === "user" ? { userId: actor.userId } : {};
  return exportStream({
    columns: COLUMNS,
    format,
    page: (cursor) =>
      db.toolCallEvent.findMany({
        where: { orgId: actor.orgId, ...own, createdAt: { gte: range.from, lt: range.to }, ...after(cursor) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: PAGE,
      }),
    jsonValue: (row, column) => (column === "costUsd" && row.costUsd !== null ? Number(row.costUsd) : row[column]),
  });
}
