// Write access to providers must not be a way to read the real provider key: pointing a stored
// secret at another host (base URL, region, STS endpoint) takes the secret again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { updateCredential } from "@/lib/credentials/update";
import { db } from "@/lib/db";
import { LatchError } from "@/lib/errors";
import { ZodError } from "zod";

let fake: FakeProvider;
let lure: FakeProvider;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  lure = await startFakeProvider();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await fake.close();
  await lure.close();
});

const update = (input: Record<string, unknown>) => updateCredential({ actor: t.adminActor, input: { credentialId: t.credentials.openai.id, ...input } });

describe("re-pointing a credential", () => {
  it("to a new base URL without the secret is refused and changes nothing", async () => {
    const error = await update({ baseUrl: `${lure.url}/v1` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LatchError);
    expect(error).toMatchObject({ status: 400, code: "secret_required", param: "apiKey" });
    const stored = await db.providerCredential.findUniqueOrThrow({ where: { id: t.credentials.openai.id } });
    expect(stored.baseUrl).toBe(`${fake.url}/v1`);
  });

  it("with the secret given again is accepted", async () => {
    const updated = await update({ baseUrl: `${lure.url}/v1`, apiKey: "sk-new-secret-for-the-new-host" });
    expect(updated).toMatchObject({ baseUrl: `${lure.url}/v1`, secretLast4: "host" });
  });

  it("renaming, or sending the unchanged base URL, needs no secret", async () => {
    const current = await db.providerCredential.findUniqueOrThrow({ where: { id: t.credentials.openai.id } });
    expect(await update({ name: "OpenAI (renamed)", baseUrl: current.baseUrl })).toMatchObject({ name: "OpenAI (renamed)" });
  });
});

describe("a cloud region", () => {
  it.each(["x@127.0.0.1:19203/#", "us-east-1.evil.test", "eu west 1", "US-EAST-1"])("that is not a region name (%s) is refused", async (region) => {
    const { createCredential } = await import("@/lib/credentials/create");
    const error = await createCredential({
      actor: t.adminActor,
      input: {
        name: `bedrock-${Math.random()}`,
        provider: "bedrock",
        apiKey: JSON.stringify({ accessKeyId: "AKIAEXAMPLE0000001", secretAccessKey: "s" }),
        region,
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0]?.path).toEqual(["region"]);
  });
});
