// Runs before `npm run dev` / `npm start`: validates configuration (importing lib/env fails
// fast on a bad setting), applies pending migrations and seeds first-run data. With
// --server-bundle (`npm start`) it also rebuilds dist/server when missing or older than its sources.
import { env } from "@/lib/env";
import { databaseTarget, closeEmbeddedDatabase } from "@/lib/db/engine";
import { deployMigrations } from "@/lib/db/migrations";
import { ensureServerBundle } from "@/scripts/build-server";

if (process.argv.includes("--server-bundle") && (await ensureServerBundle())) console.log("Latch: rebuilt the server bundle (dist/server)");
const target = databaseTarget();
try {
  const applied = await deployMigrations(target);
  if (applied.length) console.log(`Latch: applied migrations ${applied.join(", ")}`);
  const { db } = await import("@/lib/db");
  const { seedDemoOrg, DEMO_ADMIN_EMAIL } = await import("@/lib/orgs/seed-demo");
  if (env.LATCH_SEED_DEMO && (await seedDemoOrg())) {
    console.log(`Latch: seeded the demo organisation. Sign in as ${DEMO_ADMIN_EMAIL} (dev sign-in) at ${env.APP_URL}.`);
  }
  await db.$disconnect();
} catch (error) {
  console.error(`Latch: could not prepare the ${target.kind} database:`, error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeEmbeddedDatabase();
}
