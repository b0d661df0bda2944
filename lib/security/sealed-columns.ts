// Every place a secret box (lib/security/keyring.ts) is stored, walked in batches by
// lib/security/reencrypt.ts. A new encrypted column belongs here: the key-rotation test scans
// every table for boxes left under a retired key.
import { db, Prisma } from "@/lib/db";

/** One stored row holding boxes. `swap` rewrites them only if the row is unchanged since read. */
export type SealedRow = {
  ref: string;
  orgId: string;
  boxes: string[];
  swap(reseal: (box: string) => string): Promise<boolean>;
};

export type SealedSource = { name: string; rows(batchSize: number): AsyncGenerator<SealedRow> };

// Identifiers are constants, never input. Raw SQL so a re-encryption leaves `updatedAt` alone:
// nothing anyone set has changed.
const TEXT_COLUMNS = [
  { table: "ProviderCredential", column: "encryptedSecret", org: "orgId" },
  { table: "IdpConnection", column: "encryptedSecret", org: "orgId" },
  { table: "KeyRequest", column: "encryptedSecret", org: "orgId" },
  { table: "Organization", column: "alertWebhookSecret", org: "id" },
  { table: "McpServer", column: "encryptedSecret", org: "orgId" },
] as const;

function textColumn({ table, column, org }: (typeof TEXT_COLUMNS)[number]): SealedSource {
  const [t, c, o] = [table, column, org].map((name) => Prisma.raw(`"${name}"`));
  return {
    name: `${table}.${column}`,
    async *rows(batchSize) {
      for (let after = ""; ; ) {
        const page = await db.$queryRaw<{ id: string; orgId: string; box: string }[]>`
          SELECT id, ${o} AS "orgId", ${c} AS box FROM ${t} WHERE ${c} IS NOT NULL AND id > ${after} ORDER BY id LIMIT ${batchSize}`;
        for (const { id, orgId, box } of page)
          yield {
            ref: id,
            orgId,
            boxes: [box],
            swap: async (reseal) => (await db.$executeRaw`UPDATE ${t} SET ${c} = ${reseal(box)} WHERE id = ${id} AND ${c} = ${box}`) === 1,
          };
        if (page.length < batchSize) return;
        after = page.at(-1)!.id;
      }
    },
  };
}

// Idempotent replies keep a new secret sealed: `box` (key rotation) or `sealed.<field>` (lib/api/idempotency.ts).
type Reply = { box?: unknown; sealed?: Record<string, unknown> };
const boxesOf = (r: Reply) => [r.box, ...Object.values(r.sealed ?? {})].filter((v): v is string => typeof v === "string");

function resealReply(r: Reply, reseal: (box: string) => string): Reply {
  const next: Reply = { ...r };
  if (typeof r.box === "string") next.box = reseal(r.box);
  if (r.sealed) next.sealed = Object.fromEntries(Object.entries(r.sealed).map(([k, v]) => [k, typeof v === "string" ? reseal(v) : v]));
  return next;
}

const idempotencyReplies: SealedSource = {
  name: "IdempotencyRecord.response",
  async *rows(batchSize) {
    for (let after = ["", "", ""]; ; ) {
      const page = await db.$queryRaw<{ orgId: string; operation: string; key: string; response: Reply }[]>`
        SELECT "orgId", operation, "key", response FROM "IdempotencyRecord"
        WHERE (response -> 'box' IS NOT NULL OR response -> 'sealed' IS NOT NULL)
          AND ("orgId", operation, "key") > (${after[0]}, ${after[1]}, ${after[2]})
        ORDER BY "orgId", operation, "key" LIMIT ${batchSize}`;
      for (const { orgId, operation, key, response } of page) {
        const boxes = boxesOf(response);
        if (boxes.length === 0) continue;
        yield {
          ref: `${orgId} ${operation}`,
          orgId,
          boxes,
          // jsonb equality is by value, so the row is rewritten only if no one replaced it since.
          swap: async (reseal) =>
            (await db.$executeRaw`
              UPDATE "IdempotencyRecord" SET response = ${JSON.stringify(resealReply(response, reseal))}::jsonb
              WHERE "orgId" = ${orgId} AND operation = ${operation} AND "key" = ${key} AND response = ${JSON.stringify(response)}::jsonb`) === 1,
        };
      }
      if (page.length < batchSize) return;
      const last = page.at(-1)!;
      after = [last.orgId, last.operation, last.key];
    }
  },
};

export const SEALED_SOURCES: readonly SealedSource[] = [...TEXT_COLUMNS.map(textColumn), idempotencyReplies];
