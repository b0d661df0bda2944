// CSV or JSON export of raw usage events for a range, streamed in pages so a large range never
// sits in memory. Metadata only: prompts and responses are never stored, so never exported.
// Attribution travels as `dimensions` (JSON) beside the key kind and end user.
import { readDb } from "@/lib/db/replica";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Range } from "@/lib/usage/attribution";
import { after, exportStream } from "@/lib/usage/export-stream";

const COLUMNS = [
  "id",
  "createdAt",
  "keyId",
  "userId",
  "teamId",
  "keyKind",
  "dimensions",
  "endUser",
  "provider",
  "model",
  "endpoint",
  "status",
  "outcome",
  "errorCode",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  "cacheWrite5mTokens",
  "cacheWrite1hTokens",
  "reasoningTokens",
  "audioInputTokens",
  "audioOutputTokens",
  "webSearchRequests",
  "estimated",
  "costUsd",
  "latencyMs",
  "ttftMs",
  "stream",
  "clientIp",
] as const;
const PAGE = 5_000;

export function usageCsv({ actor, range, format = "csv" }: { actor: Actor; range: Range; format?: "csv" | "json" }): ReadableStream<Uint8Array> {
  requirePermission(actor, "usage.read.own");
  const own = !can(actor, "usage.read.all") && actor.kind === "user" ? { userId: actor.userId } : {};
  return exportStream({
    columns: COLUMNS,
    format,
    page: (cursor) =>
      readDb.usageEvent.findMany({
        where: { orgId: actor.orgId, ...own, createdAt: { gte: range.from, lt: range.to }, ...after(cursor) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: PAGE,
      }),
  });
}
