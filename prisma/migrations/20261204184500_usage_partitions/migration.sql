-- Usage events and tool call events are partitioned by month of "createdAt" (UTC), so retention
-- drops whole partitions instead of deleting rows, and a month's queries read only its partitions.
-- A partitioned table's primary key must contain the partition column: it becomes (id, "createdAt").
-- Each table also has a DEFAULT partition, so an event outside the created months is still stored;
-- latch_month_partition moves such rows into their month when that month's partition is created.
-- Existing rows are copied into the new layout in this migration (one transaction), before the
-- keys and indexes are built: building an index over loaded rows is several times faster than
-- maintaining it row by row.

-- Creates the partition of `parent` for the month containing `month`, moving any rows of that month
-- out of the DEFAULT partition first. Returns the partition's name, or NULL when it already exists.
-- Serialised per table by an advisory lock, so instances starting together cannot collide.
CREATE OR REPLACE FUNCTION latch_month_partition(parent text, month timestamp) RETURNS text AS $$
DECLARE
  first_day timestamp := date_trunc('month', month);
  next_first timestamp := date_trunc('month', month) + interval '1 month';
  part text := parent || '_' || to_char(date_trunc('month', month), 'YYYY_MM');
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('latch_month_partition:' || parent));
  IF to_regclass(format('%I', part)) IS NOT NULL THEN
    RETURN NULL;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, parent);
  EXECUTE format(
    'WITH moved AS (DELETE FROM %I WHERE "createdAt" >= %L AND "createdAt" < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
    parent || '_default', first_day, next_first, part);
  EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', parent, part, first_day, next_first);
  RETURN part;
END;
$$ LANGUAGE plpgsql;

-- Ensures the monthly partitions of `parent` from the month of `from_month` through the month of
-- `through_month`; returns the names it created.
CREATE OR REPLACE FUNCTION latch_ensure_month_partitions(parent text, from_month timestamp, through_month timestamp)
RETURNS SETOF text AS $$
DECLARE
  m timestamp := date_trunc('month', from_month);
  created text;
BEGIN
  WHILE m <= through_month LOOP
    created := latch_month_partition(parent, m);
    IF created IS NOT NULL THEN
      RETURN NEXT created;
    END IF;
    m := m + interval '1 month';
  END LOOP;
END;
$$ LANGUAGE plpgsql;

-- UsageEvent: the old table keeps its rows until they are copied, without its indexes and keys.
ALTER TABLE "UsageEvent" RENAME TO "UsageEvent_unpartitioned";
ALTER TABLE "UsageEvent_unpartitioned" DROP CONSTRAINT "UsageEvent_pkey";
ALTER TABLE "UsageEvent_unpartitioned" DROP CONSTRAINT "UsageEvent_orgId_fkey";
DROP INDEX "UsageEvent_orgId_createdAt_idx";
DROP INDEX "UsageEvent_keyId_createdAt_idx";
DROP INDEX "UsageEvent_userId_createdAt_idx";
DROP INDEX "UsageEvent_teamId_createdAt_idx";
DROP INDEX "UsageEvent_orgId_model_createdAt_idx";
DROP INDEX "UsageEvent_orgId_keyKind_createdAt_idx";
DROP INDEX "UsageEvent_orgId_endUser_createdAt_idx";

CREATE TABLE "UsageEvent" (LIKE "UsageEvent_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("createdAt");
CREATE TABLE "UsageEvent_default" PARTITION OF "UsageEvent" DEFAULT;

SELECT latch_ensure_month_partitions('UsageEvent',
  coalesce((SELECT min("createdAt") FROM "UsageEvent_unpartitioned"), now() AT TIME ZONE 'UTC'),
  (now() AT TIME ZONE 'UTC') + interval '3 months');
INSERT INTO "UsageEvent" SELECT * FROM "UsageEvent_unpartitioned";
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_pkey" PRIMARY KEY ("id", "createdAt");
CREATE INDEX "UsageEvent_orgId_createdAt_idx" ON "UsageEvent"("orgId", "createdAt");
CREATE INDEX "UsageEvent_keyId_createdAt_idx" ON "UsageEvent"("keyId", "createdAt");
CREATE INDEX "UsageEvent_userId_createdAt_idx" ON "UsageEvent"("userId", "createdAt");
CREATE INDEX "UsageEvent_teamId_createdAt_idx" ON "UsageEvent"("teamId", "createdAt");
CREATE INDEX "UsageEvent_orgId_model_createdAt_idx" ON "UsageEvent"("orgId", "model", "createdAt");
CREATE INDEX "UsageEvent_orgId_keyKind_createdAt_idx" ON "UsageEvent"("orgId", "keyKind", "createdAt");
CREATE INDEX "UsageEvent_orgId_endUser_createdAt_idx" ON "UsageEvent"("orgId", "endUser", "createdAt");
ALTER TABLE "UsageEvent" ADD CONSTRAINT "UsageEvent_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
DROP TABLE "UsageEvent_unpartitioned";

-- ToolCallEvent: the same change.
ALTER TABLE "ToolCallEvent" RENAME TO "ToolCallEvent_unpartitioned";
ALTER TABLE "ToolCallEvent_unpartitioned" DROP CONSTRAINT "ToolCallEvent_pkey";
ALTER TABLE "ToolCallEvent_unpartitioned" DROP CONSTRAINT "ToolCallEvent_orgId_fkey";
DROP INDEX "ToolCallEvent_orgId_createdAt_idx";
DROP INDEX "ToolCallEvent_keyId_createdAt_idx";
DROP INDEX "ToolCallEvent_serverId_createdAt_idx";

CREATE TABLE "ToolCallEvent" (LIKE "ToolCallEvent_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("createdAt");
CREATE TABLE "ToolCallEvent_default" PARTITION OF "ToolCallEvent" DEFAULT;

SELECT latch_ensure_month_partitions('ToolCallEvent',
  coalesce((SELECT min("createdAt") FROM "ToolCallEvent_unpartitioned"), now() AT TIME ZONE 'UTC'),
  (now() AT TIME ZONE 'UTC') + interval '3 months');
INSERT INTO "ToolCallEvent" SELECT * FROM "ToolCallEvent_unpartitioned";
ALTER TABLE "ToolCallEvent" ADD CONSTRAINT "ToolCallEvent_pkey" PRIMARY KEY ("id", "createdAt");
CREATE INDEX "ToolCallEvent_orgId_createdAt_idx" ON "ToolCallEvent"("orgId", "createdAt");
CREATE INDEX "ToolCallEvent_keyId_createdAt_idx" ON "ToolCallEvent"("keyId", "createdAt");
CREATE INDEX "ToolCallEvent_serverId_createdAt_idx" ON "ToolCallEvent"("serverId", "createdAt");
ALTER TABLE "ToolCallEvent" ADD CONSTRAINT "ToolCallEvent_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
DROP TABLE "ToolCallEvent_unpartitioned";
