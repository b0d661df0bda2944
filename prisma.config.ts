import { defineConfig } from "prisma/config";

// The CLI is used for `prisma generate` only; migrations are created and applied by
// scripts/migrate.ts (the same schema engine, compiled to WASM, so it works offline).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/latch" },
});
