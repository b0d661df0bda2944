// Writes a batch of usage events and their hourly and daily rollups in one statement. Idempotent by
// request id: only rows actually inserted feed the rollups, so a replayed batch (a redelivered
// stream entry, a retried flush) neither duplicates events nor double counts totals. Token classes an
// event leaves out (written before they existed, e.g. still in the Redis stream) count as 0.
// Rollups key on the dimensions' canonical jsonb text (jsonb sorts and dedupes keys, so equal
// sets give equal text); the end user stays on events only, as its cardinality is unbounded.
import { executeBulk } from "@/lib/db/bulk";
import { ensurePartitionsWhenDue } from "@/lib/db/partitions";
import type { UsageEvent } from "@/lib/usage/event";

// Token classes summed into the rollups as they are.
const CLASSES = ["cacheWrite5mTokens", "cacheWrite1hTokens", "reasoningTokens", "audioInputTokens", "audioOutputTokens", "webSearchRequests"];
const SUMS = [
  "requests",
  "inputTokens",
  "outputTokens",
  "cachedInputTokens",
  ...CLASSES,
  "estimatedRequests",
  "degradedRequests",
  "costUsd",
  "unpricedRequests",
  "latencyMsSum",
];
const quoted = (columns: string[]) => columns.map((c) => `"${c}"`).join(", ");

/** Adds the newly inserted events to a rollup table at the given bucket size. */
const rollupInsert = (table: string, unit: "hour" | "day") => `
INSERT INTO "${table}" (bucket, "orgId", "keyId", "userId", "teamId", "keyKind", "dimensionKey", provider, model, outcome, "errorCode",
  requests, "inputTokens", "outputTokens", "cachedInputTokens", ${quoted(CLASSES)}, "estimatedRequests", "degradedRequests", "costUsd",
  "unpricedRequests", "latencyMsSum")
SELECT date_trunc('${unit}', "createdAt"), "orgId", coalesce("keyId", ''), coalesce("userId", ''), coalesce("teamId", ''),
  coalesce("keyKind", ''), coalesce(dimensions::text, ''), coalesce(provider, ''), coalesce(model, ''), outcome, coalesce("errorCode", ''), count(*), sum("inputTokens"),
  sum("outputTokens"), sum("cachedInputTokens"), ${CLASSES.map((c) => `sum("${c}")`).join(", ")},
  count(*) FILTER (WHERE estimated), count(*) FILTER (WHERE "degradedBy" IS NOT NULL), coalesce(sum("costUsd"), 0), count(*) FILTER (WHERE NOT priced), sum("latencyMs")
FROM inserted
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
ON CONFLICT ("orgId", bucket, "keyId", "userId", "teamId", "keyKind", "dimensionKey", provider, model, outcome, "errorCode") DO UPDATE SET
  ${SUMS.map((c) => `"${c}" = "${table}"."${c}" + EXCLUDED."${c}"`).join(",\n  ")}`;

const INSERT_WITH_ROLLUP = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    id text, "orgId" text, "keyId" text, "userId" text, "teamId" text, "keyKind" text, provider text, model text, endpoint text,
    "inputTokens" int, "outputTokens" int, "cachedInputTokens" int, "cacheWrite5mTokens" int, "cacheWrite1hTokens" int,
    "reasoningTokens" int, "audioInputTokens" int, "audioOutputTokens" int, "webSearchRequests" int, estimated boolean,
    "overReservation" boolean, "costUsd" numeric, priced boolean, status int,
    outcome text, "errorCode" text, stream boolean, "latencyMs" int, "ttftMs" int, "clientIp" text, "userAgent" text,
    findings jsonb, dimensions jsonb, "endUser" text, "degradedBy" text, "requestedModel" text, "createdAt" timestamptz)
),
inserted AS (
  INSERT INTO "UsageEvent" (id, "orgId", "keyId", "userId", "teamId", "keyKind", provider, model, endpoint, "inputTokens",
    "outputTokens", "cachedInputTokens", ${quoted(CLASSES)}, estimated, "overReservation", "costUsd", priced, status, outcome,
    "errorCode", stream, "latencyMs", "ttftMs", "clientIp", "userAgent", findings, dimensions, "endUser", "degradedBy", "requestedModel", "createdAt")
  SELECT id, "orgId", "keyId", "userId", "teamId", "keyKind", provider, model, endpoint, "inputTokens", "outputTokens",
    "cachedInputTokens", ${CLASSES.map((c) => `coalesce("${c}", 0)`).join(", ")}, coalesce(estimated, false),
    coalesce("overReservation", false), "costUsd", priced, status, outcome::"UsageOutcome", "errorCode", stream, "latencyMs",
    "ttftMs", "clientIp", "userAgent", findings, nullif(dimensions, '{}'::jsonb), "endUser", "degradedBy", "requestedModel",
    "createdAt" AT TIME ZONE 'UTC'
  FROM input
  ON CONFLICT (id, "createdAt") DO NOTHING
  RETURNING *
),
hourly AS (${rollupInsert("UsageRollup", "hour")} RETURNING 1)
${rollupInsert("UsageRollupDaily", "day")}`;

export async function writeUsageBatch(events: UsageEvent[]): Promise<void> {
  if (events.length === 0) return;
  await writeUsageJson(JSON.stringify(events)); // dates serialise as ISO 8601 (UTC)
}

/** The same write from events already serialised as a JSON array (the stream's entries, joined). */
export async function writeUsageJson(eventsJson: string): Promise<void> {
  await ensurePartitionsWhenDue(); // once a month per process; the month's partition exists before its first event
  await executeBulk(INSERT_WITH_ROLLUP, [eventsJson]);
}
