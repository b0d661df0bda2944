// CSV or JSON export of raw usage events for a range, streamed in pages so a large range never
// sits in memory. Metadata only: prompts and responses are never stored, so never exported.
// Attribution travels as `dimensions` (JSON) beside the key kind and end user.
import { readDb } from "@/lib/db/replica";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import type { Range } from "@/lib/usage/attribution";

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

export function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  // Quote when needed, and neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const json = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? Number(v) : v));

export function usageCsv({ actor, range, format = "csv" }: { actor: Actor; range: Range; format?: "csv" | "json" }): ReadableStream<Uint8Array> {
  requirePermission(actor, "usage.read.own");
  const own = !can(actor, "usage.read.all") && actor.kind === "user" ? { userId: actor.userId } : {};
  const encoder = new TextEncoder();
  let cursor: { createdAt: Date; id: string } | null = null;
  let headerSent = false;
  return new ReadableStream({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(format === "csv" ? `${COLUMNS.join(",")}\n` : "["));
        return;
      }
      const rows = await readDb.usageEvent.findMany({
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
        const objects = rows.map((r) => json(Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null]))));
        controller.enqueue(encoder.encode((first ? "" : ",") + objects.join(",")));
      } else controller.enqueue(encoder.encode(`${rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(",")).join("\n")}\n`));
    },
  });
}
