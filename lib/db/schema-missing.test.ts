// A missing table or column is told apart from every other database error, for model and raw
// queries alike, as the real driver reports it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { missingFromSchema } from "@/lib/db/schema-missing";

const failure = (query: Promise<unknown>) =>
  query.then(
    () => expect.unreachable("query succeeded"),
    (err: unknown) => err,
  );

describe("missingFromSchema", () => {
  it("names the table or column a raw query could not find", async () => {
    expect(missingFromSchema(await failure(db.$queryRawUnsafe(`SELECT 1 FROM "NoSuchTable"`)))).toBe("NoSuchTable");
    expect(missingFromSchema(await failure(db.$queryRawUnsafe(`SELECT "noSuchColumn" FROM "Organization"`)))).toMatch(/noSuchColumn/);
  });

  it("reads Prisma's own codes and wrapped causes", () => {
    expect(missingFromSchema({ code: "P2021", meta: { modelName: "ProviderCredential" } })).toBe("ProviderCredential");
    expect(missingFromSchema(new Error("wrapped", { cause: { code: "42P01" } }))).toBe("a table");
  });

  it("is null for every other error", async () => {
    expect(missingFromSchema(await failure(db.$queryRawUnsafe(`SELECT 1/0`)))).toBeNull();
    expect(missingFromSchema(await failure(db.$queryRawUnsafe(`SELEC 1`)))).toBeNull();
    expect(missingFromSchema(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBeNull();
    expect(missingFromSchema(null)).toBeNull();
    expect(missingFromSchema("relation does not exist")).toBeNull();
  });
});
