// npm run db:migrate [name] | db:deploy | db:status: Prisma migrations, offline (see lib/db/migrations.ts).
import { databaseTarget, closeEmbeddedDatabase } from "@/lib/db/engine";
import { createMigration, deployMigrations, migrationStatus } from "@/lib/db/migrations";

const [command = "status", name = "change"] = process.argv.slice(2);
const target = databaseTarget();

try {
  if (command === "dev") {
    const folder = await createMigration(target, name);
    console.log(folder ? `Created prisma/migrations/${folder}` : "Schema and migrations agree; nothing to create.");
    const applied = await deployMigrations(target);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } else if (command === "deploy") {
    const applied = await deployMigrations(target);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
  } else if (command === "status") {
    console.log(JSON.stringify(await migrationStatus(target), null, 2));
  } else {
    throw new Error(`unknown command "${command}" (dev | deploy | status)`);
  }
} finally {
  await closeEmbeddedDatabase();
}
