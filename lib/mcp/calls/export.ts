// CSV or JSON export of recorded tool calls for a range, streamed in pages like the usage
// export. Metadata only: argument values and results are never stored, so never exported.
import { db } from "@/lib/db";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Range } from "@/lib/usage/attribution";
import { cell } from "@/lib/usage/csv";

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
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let started = false;
  return new ReadableStream({
    async pull(controller) {
      if (!started) {
        started = true;
        return controller.enqueue(encoder.encode(format === "csv" ? `${COLUMNS.join(",")}\n` : "["));
      }
      const rows = await db.toolCallEvent.findMany({
        where: {
          orgId: actor.orgId,
          ...own,
          createdAt: { gte: range.from, lt: range.to },
          ...(cursor ? { OR: [{ createdAt: { gt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { gt: cursor.id } }] } : {}),
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: PAGE,
      });
      if (rows.length === 0) {
        if (format === "json") controller.enqueue(encoder.encode("]\n"));
        return controller.close();
      }
      const first = cursor === null;
      const last = rows.at(-1)!;
      cursor = { createdAt: last.createdAt, id: last.id };
      if (format === "json") {
        const objects = rows.map((r) =>
          JSON.stringify(Object.fromEntries(COLUMNS.map((c) => [c, c === "costUsd" && r.costUsd !== null ? Number(r.costUsd) : (r[c] ?? null)]))),
        );
        controller.enqueue(encoder.encode((first ? "" : ",") + objects.join(",")));
      } else controller.enqueue(encoder.encode(`${rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(",")).join("\n")}\n`));
    },
  });
}
