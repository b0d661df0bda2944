// Rotating LATCH_ENCRYPTION_KEY from A to B: secrets stored under A (boxes from before key ids and
// boxes naming A) are moved by `npm run secrets:reencrypt`, run in its own process with B current
// and A previous. A gateway already running with that keyring keeps serving; one started with B
// alone serves through the same credentials; no table holds a box under A any more.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, ANTHROPIC_SECRET, OPENAI_SECRET, type TestOrg } from "@/tests/helpers/org";
import { legacyBox } from "@/tests/helpers/legacy-box";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { encryptSecret } from "@/lib/security/secret-box";
import { createKeyring, keyId, open } from "@/lib/security/keyring";
import { SEALED_SOURCES } from "@/lib/security/sealed-columns";
import { rotateKey } from "@/lib/keys/rotate";
import { withIdempotency } from "@/lib/api/idempotency";
import { publishInvalidation } from "@/lib/invalidation";
import { runScript } from "@/tests/helpers/run-script";

// This process (and everything this worker stored) seals under A.
const A = env.LATCH_ENCRYPTION_KEY;
const B = randomBytes(32).toString("base64");
const idA = keyId(Buffer.from(A, "base64"));
const idB = keyId(Buffer.from(B, "base64"));
const ROTATED = { LATCH_ENCRYPTION_KEY: B, LATCH_ENCRYPTION_KEYS_PREVIOUS: A };
const ONLY_B = { LATCH_ENCRYPTION_KEY: B, LATCH_ENCRYPTION_KEYS_PREVIOUS: "" };

let fake: FakeProvider;
let t: TestOrg;
let rolled: GatewayProcess;
let fresh: GatewayProcess | undefined;
let virtualKey: string;
const stored = {
  idp: "idp-client-secret-rotation",
  webhook: "whsec-rotation-test",
  minted: "sk-latch-minted-not-yet-revealed",
  replayed: "sk-latch-idempotent-reply",
  mcp: "ghp-mcp-upstream-rotation",
};

const reencrypt = (...args: string[]) => runScript("reencrypt-secrets.ts", args, ROTATED);

/** "IdpConnection.encryptedSecret   3 rows: 1 re-encrypted, 2 already current" → 1 */
const countOf = (stdout: string, source: string, what: string) =>
  Number(new RegExp(`${source.replace(".", "\\.")}\\s+\\d+ rows: (\\d+) ${what}`).exec(stdout)?.[1]);

async function chat(url: string, model: string) {
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${virtualKey}`, "content-type": "application/json" },
    body: JSON.stringify({ model, messages: [{ role: "user", content: "hi" }] }),
  });
  return { status: res.status, body: await res.text(), upstream: fake.requests.at(-1)?.headers };
}

beforeAll(async () => {
  // What earlier test files of this worker stored stays in its database, some of it sealed under
  // keys of their own (production-mode processes started with random keys). Rotating every table is
  // this file's subject: it starts with none of their secrets (every source of SEALED_SOURCES).
  await db.$transaction([
    db.providerCredential.deleteMany({}),
    db.idpConnection.deleteMany({}),
    db.keyRequest.deleteMany({}),
    db.mcpServer.deleteMany({}),
    db.idempotencyRecord.deleteMany({}),
    db.organization.updateMany({ data: { alertWebhookSecret: null } }),
  ]);
  fake = await startFakeProvider();
  t = await createTestOrg(fake.url);
  virtualKey = (await t.key()).secret;
  // The OpenAI credential as a database from before key ids holds it; the rest as sealed today.
  await db.providerCredential.update({ where: { id: t.credentials.openai.id }, data: { encryptedSecret: legacyBox(A, OPENAI_SECRET) } });
  await db.idpConnection.create({
    data: { orgId: t.org.id, issuer: "https://idp.rotation.test", clientId: "c", encryptedSecret: encryptSecret(stored.idp), domains: [`${t.org.slug}.test`] },
  });
  await db.organization.update({ where: { id: t.org.id }, data: { alertWebhookSecret: encryptSecret(stored.webhook) } });
  await db.keyRequest.create({
    data: {
      orgId: t.org.id,
      requesterId: t.developer.id,
      name: "asked",
      requestedPolicy: {},
      status: "approved",
      encryptedSecret: encryptSecret(stored.minted),
    },
  });
  await db.mcpServer.create({
    data: {
      orgId: t.org.id,
      slug: "rotation",
      name: "Rotation",
      url: "http://127.0.0.1:9/mcp",
      authKind: "bearer",
      encryptedSecret: encryptSecret(stored.mcp),
    },
  });
  await withIdempotency({ orgId: t.org.id, operation: "test.reply", key: "rotation", fingerprint: "f", secrets: ["secret"] }, async () => ({
    status: 201,
    body: { id: "k", secret: stored.replayed },
  }));
  const spare = await t.key({ name: "rotated with an idempotency key" });
  await rotateKey({ actor: t.adminActor, input: { keyId: spare.id, idempotencyKey: "rotation" } });
  // An instance rolled onto the new keyring before the re-encryption, its caches warm.
  rolled = await startGatewayProcess(ROTATED);
  expect((await chat(rolled.url, "gpt-4o-mini")).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await Promise.all([rolled?.kill(), fresh?.kill()]);
  await fake.close();
});

describe("rotating the encryption key", () => {
  it("a dry run reports what would move and writes nothing", async () => {
    const before = await db.providerCredential.findUniqueOrThrow({ where: { id: t.credentials.anthropic.id } });
    const run = await reencrypt("--dry-run");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`under key ${idB}`);
    expect(countOf(run.stdout, "ProviderCredential.encryptedSecret", "to re-encrypt")).toBeGreaterThanOrEqual(2);
    const after = await db.providerCredential.findUniqueOrThrow({ where: { id: t.credentials.anthropic.id } });
    expect(after.encryptedSecret).toBe(before.encryptedSecret);
    expect(after.encryptedSecret!.startsWith(`v2:${idA}:`)).toBe(true);
  }, 60_000);

  it("re-encrypts every table under the new key, audits it, and a re-run has nothing to do", async () => {
    const run = await reencrypt("--batch-size=2");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("every stored secret is under the current key");
    for (const source of SEALED_SOURCES) expect(countOf(run.stdout, source.name, "re-encrypted"), source.name).toBeGreaterThanOrEqual(1);
    for (const secret of [...Object.values(stored), OPENAI_SECRET, ANTHROPIC_SECRET, A, B]) expect(run.stdout).not.toContain(secret);

    const audit = await db.auditEvent.findFirstOrThrow({ where: { orgId: t.org.id, action: "org.secrets_reencrypted" } });
    expect(audit).toMatchObject({ actorType: "system", targetType: "org", targetId: t.org.id });
    expect(audit.metadata).toMatchObject({
      keyId: idB,
      reencrypted: {
        "ProviderCredential.encryptedSecret": 2,
        "IdpConnection.encryptedSecret": 1,
        "KeyRequest.encryptedSecret": 1,
        "Organization.alertWebhookSecret": 1,
        "McpServer.encryptedSecret": 1,
        "IdempotencyRecord.response": 2,
      },
    });

    const again = await reencrypt();
    expect(again.code).toBe(0);
    for (const source of SEALED_SOURCES) expect(countOf(again.stdout, source.name, "re-encrypted"), source.name).toBe(0);
    expect(await db.auditEvent.count({ where: { orgId: t.org.id, action: "org.secrets_reencrypted" } })).toBe(1);
  }, 60_000);

  it("the running instance keeps serving once it reads the rewritten rows", async () => {
    await publishInvalidation({ kind: "org", orgId: t.org.id });
    await new Promise((r) => setTimeout(r, 200));
    const res = await chat(rolled.url, "gpt-4o-mini");
    expect(res.status, res.body).toBe(200);
    expect(res.upstream?.authorization).toBe(`Bearer ${OPENAI_SECRET}`);
  });

  it("an instance with the new key alone serves through the re-encrypted credentials", async () => {
    fresh = await startGatewayProcess(ONLY_B);
    const openai = await chat(fresh.url, "gpt-4o-mini");
    expect(openai.status, openai.body).toBe(200);
    expect(openai.upstream?.authorization).toBe(`Bearer ${OPENAI_SECRET}`);
    const anthropic = await chat(fresh.url, "claude-haiku");
    expect(anthropic.status, anthropic.body).toBe(200);
    expect(anthropic.upstream?.["x-api-key"]).toBe(ANTHROPIC_SECRET);
  }, 60_000);

  it("no table holds a box under the old key, and the new key alone opens every stored secret", async () => {
    const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    let dump = "";
    for (const { tablename } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    // A box: an optional key id, then a 12-byte iv and a 16-byte tag in base64 (so "…-v1:0" model ids are not).
    const boxes = [...dump.matchAll(/\bv(?:1|2:[0-9a-f]{8}):[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:/g)].map((m) => m[0]);
    expect(boxes.length).toBeGreaterThanOrEqual(8); // this org: two credentials, IdP, webhook, key request, MCP server, two replies
    expect(boxes.filter((box) => !box.startsWith(`v2:${idB}:`))).toEqual([]);

    const onlyB = createKeyring(B);
    const idp = await db.idpConnection.findFirstOrThrow({ where: { orgId: t.org.id } });
    const org = await db.organization.findUniqueOrThrow({ where: { id: t.org.id } });
    const request = await db.keyRequest.findFirstOrThrow({ where: { orgId: t.org.id } });
    const replies = await db.idempotencyRecord.findMany({ where: { orgId: t.org.id } });
    const reply = (op: string) => replies.find((r) => r.operation.startsWith(op))!.response as { box?: string; sealed?: { secret: string } };
    expect(open(onlyB, idp.encryptedSecret)).toBe(stored.idp);
    expect(open(onlyB, org.alertWebhookSecret!)).toBe(stored.webhook);
    expect(open(onlyB, request.encryptedSecret!)).toBe(stored.minted);
    expect(open(onlyB, (await db.mcpServer.findFirstOrThrow({ where: { orgId: t.org.id } })).encryptedSecret!)).toBe(stored.mcp);
    expect(open(onlyB, reply("test.reply").sealed!.secret)).toBe(stored.replayed);
    expect(open(onlyB, reply("key.rotate").box!)).toMatch(/^sk-latch-/);
  });

  it("never overwrites a secret changed between read and write", async () => {
    const source = SEALED_SOURCES.find((s) => s.name === "ProviderCredential.encryptedSecret")!;
    for await (const row of source.rows(50)) {
      if (row.ref !== t.credentials.anthropic.id) continue;
      const edited = encryptSecret("sk-ant-edited-meanwhile");
      await db.providerCredential.update({ where: { id: row.ref }, data: { encryptedSecret: edited } });
      expect(await row.swap(() => "v2:00000000:stale")).toBe(false);
      expect((await db.providerCredential.findUniqueOrThrow({ where: { id: row.ref } })).encryptedSecret).toBe(edited);
      return;
    }
    throw new Error("the credential was not found by the walk");
  });
});
