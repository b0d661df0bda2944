// npm run secrets:reencrypt [-- --dry-run] [--batch-size=N]: re-encrypts every stored secret under
// LATCH_ENCRYPTION_KEY, opening older ones with LATCH_ENCRYPTION_KEYS_PREVIOUS. Prints counts per
// table, never a secret. See "Rotating the encryption key" in docs/operations.md.
import { parseArgs } from "node:util";
import { z } from "zod";
import { missingFromSchema } from "@/lib/db/schema-missing";

const Args = z.object({
  "dry-run": z.boolean().default(false),
  "batch-size": z.coerce.number().int().min(1).max(10_000).default(200),
});

// Everything is imported inside try, so a bad setting or argument prints one clean message.
let closeEmbeddedDatabase = async () => {};
try {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean" }, "batch-size": { type: "string" } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new Error(`invalid arguments\n${z.prettifyError(parsed.error)}`);
  const args = parsed.data;
  const engine = await import("@/lib/db/engine");
  closeEmbeddedDatabase = engine.closeEmbeddedDatabase;
  const target = engine.databaseTarget();
  const { db } = await import("@/lib/db");
  const { keyring } = await import("@/lib/security/secret-box");
  const { reencryptSecrets } = await import("@/lib/security/reencrypt");
  const dryRun = args["dry-run"];
  console.log(`Latch: re-encrypting stored secrets under key ${keyring.current.id} (${target.kind} database)${dryRun ? ", dry run: nothing is written" : ""}`);
  const report = await reencryptSecrets({ keyring, dryRun, batchSize: args["batch-size"] });
  let unreadable = 0;
  let raced = 0;
  for (const s of report.sources) {
    const parts = [`${s.reencrypted} ${dryRun ? "to re-encrypt" : "re-encrypted"}`, `${s.current} already current`];
    if (s.changedMeanwhile) parts.push(`${s.changedMeanwhile} changed meanwhile`);
    if (s.unreadable.length) parts.push(`${s.unreadable.length} unreadable: ${s.unreadable.join(", ")}`);
    console.log(`  ${s.name.padEnd(36)} ${String(s.rows).padStart(6)} rows: ${parts.join(", ")}`);
    unreadable += s.unreadable.length;
    raced += s.changedMeanwhile;
  }
  if (unreadable) {
    console.error(
      `Latch: ${unreadable} row(s) are sealed under a key that is not configured; keep the key that sealed them in LATCH_ENCRYPTION_KEYS_PREVIOUS and re-run.`,
    );
    process.exitCode = 1;
  } else if (raced) {
    console.log(`Latch: ${raced} row(s) changed while running; run again to check them.`);
  } else {
    console.log(dryRun ? "Latch: dry run done." : "Latch: every stored secret is under the current key.");
  }
  await db.$disconnect();
} catch (error) {
  const missing = missingFromSchema(error);
  // A database without migrations: what to run, not Prisma's raw "relation does not exist".
  if (missing) console.error(`Latch: re-encryption failed: the database lacks Latch's tables (${missing} is missing); run npm run db:deploy first.`);
  else console.error("Latch: re-encryption failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeEmbeddedDatabase();
}
