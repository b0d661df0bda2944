// Delegated run keys: a key mints short-lived children with itself as the credential; their
// policy only narrows the parent's, their budgets are carved out of the parent's in the ledger
// (parent and children never exceed the parent's cap, across instances), their usage rolls up to
// the parent, and revoking the parent ends every child on every instance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { revokeKey } from "@/lib/keys/revoke";
import { createChildKey } from "@/lib/keys/create-child";
import { worstCaseInputTokens } from "@/lib/gateway/output-ceiling";

let fake: FakeProvider;
let gateway: TestGateway;
let second: GatewayProcess;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  second = await startGatewayProcess();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await second?.kill();
  await gateway?.close();
  await fake?.close();
});

const BODY = JSON.stringify({ model: "gpt-4o-mini", max_tokens: 100, messages: [{ role: "user", content: "run" }] });
/** The token worst case of BODY; the fake provider bills 15 tokens. */
const WORST = worstCaseInputTokens(Buffer.byteLength(BODY)) + 100;

const chat = (url: string, secret: string) =>
  fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: BODY });

async function mint(url: string, parentSecret: string, body: Record<string, unknown>) {
  const res = await fetch(`${url}/v1/keys/self/children`, {
    method: "POST",
    headers: { authorization: `Bearer ${parentSecret}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as {
    key?: string;
    id?: string;
    parent_key_id?: string;
    run_id?: string;
    expires_at?: string;
    error?: { code: string; param: string | null };
  };
  return { status: res.status, ...json };
}

describe("minting with the parent key as the credential", () => {
  it("narrows the parent's policy and refuses anything wider", async () => {
    const parent = await t.key({ maxChildKeys: 5, rpmLimit: 100, allowedModels: ["gpt-4o*"], budgets: [{ kind: "spend", period: "monthly", limit: 1 }] });
    const child = await mint(gateway.url, parent.secret, { run_id: "ci-1234", budget_usd: 0.1, rpm_limit: 10, allowed_models: ["gpt-4o-mini"] });
    expect(child).toMatchObject({ status: 201, parent_key_id: parent.id, run_id: "ci-1234" });
    expect(Date.parse(child.expires_at!) - Date.now()).toBeLessThanOrEqual(60 * 60_000);
    expect((await chat(gateway.url, child.key!)).status).toBe(200);
    const row = await db.virtualKey.findUniqueOrThrow({ where: { id: child.id }, include: { budgets: true } });
    expect(row).toMatchObject({ parentKeyId: parent.id, runId: "ci-1234", rpmLimit: 10, allowedModels: ["gpt-4o-mini"], ownerUserId: t.developer.id });
    expect(row.budgets.map((b) => [b.kind, b.period, Number(b.limit)])).toEqual([["spend", "lifetime", 0.1]]);

    const refusals = await Promise.all([
      mint(gateway.url, parent.secret, { budget_usd: 0.1, rpm_limit: 1_000 }),
      mint(gateway.url, parent.secret, { budget_usd: 0.1, allowed_models: ["claude-haiku"] }),
      mint(gateway.url, parent.secret, { budget_usd: 0.1, ttl_seconds: 2 * 3600 }),
      mint(gateway.url, parent.secret, {}),
      mint(gateway.url, child.key!, { budget_usd: 0.01 }),
    ]);
    expect(refusals.map((r) => [r.status, r.error?.code, r.error?.param])).toEqual([
      [400, "exceeds_parent", "rpmLimit"],
      [400, "exceeds_parent", "allowedModels"],
      [400, "exceeds_parent", "ttlSeconds"],
      [400, "invalid_request_error", "budgetUsd"],
      [403, "delegation_not_allowed", null],
    ]);
  });

  it("only when the parent's policy allows it, and up to its number of live children", async () => {
    const plain = await t.key();
    expect(await mint(gateway.url, plain.secret, {})).toMatchObject({ status: 403, error: { code: "delegation_not_allowed" } });
    const parent = await t.key({ maxChildKeys: 2 });
    const results = await Promise.all([1, 2, 3, 4].map((i) => mint(i % 2 ? gateway.url : second.url, parent.secret, { run_id: `job-${i}` })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
  });

  it("the management API verb narrows the same way", async () => {
    const parent = await t.key({ maxChildKeys: 1, maxOutputTokens: 500 });
    await expect(createChildKey({ actor: t.adminActor, parentKeyId: parent.id, input: { maxOutputTokens: 501 } })).rejects.toMatchObject({
      code: "exceeds_parent",
    });
    await expect(createChildKey({ actor: t.developerActor, parentKeyId: parent.id, input: { runId: "own" } })).resolves.toMatchObject({
      parentKeyId: parent.id,
      runId: "own",
    });
  });
});

describe("carved budgets", () => {
  it("20 children racing on two instances for a parent with room for 4: exactly 4 minted, and the parent keeps none of it", async () => {
    const parent = await t.key({ maxChildKeys: 50, budgets: [{ kind: "tokens", period: "monthly", limit: 4 * WORST + WORST - 1 }] });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => mint(i % 2 ? gateway.url : second.url, parent.secret, { budget_tokens: WORST })));
    expect(results.map((r) => `${r.status} ${r.error?.code ?? ""}`).sort()).toEqual([...Array(4).fill("201 "), ...Array(16).fill("429 budget_exceeded")]);
    expect(new Set(results.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.error?.code}`))).toEqual(new Set(["429 budget_exceeded"]));
    // What is left (WORST - 1) cannot hold the parent's own worst case, on either instance.
    expect((await chat(gateway.url, parent.secret)).status).toBe(429);
    expect((await chat(second.url, parent.secret)).status).toBe(429);
    // Each child can spend its carve.
    for (const child of results.filter((r) => r.status === 201)) expect((await chat(second.url, child.key!)).status).toBe(200);
  });

  it("a child's usage rolls up to the parent; ending the child gives back only what it did not spend", async () => {
    const parent = await t.key({ maxChildKeys: 5, budgets: [{ kind: "tokens", period: "monthly", limit: WORST + 10 }] });
    const child = await mint(gateway.url, parent.secret, { budget_tokens: WORST, run_id: "agent-7" });
    expect(child.status).toBe(201);
    expect((await chat(gateway.url, parent.secret)).status).toBe(429); // 10 tokens of room while the child lives
    expect((await chat(gateway.url, child.key!)).status).toBe(200); // settles at 15 tokens, out of the carve
    await revokeKey({ actor: t.adminActor, keyId: child.id! });
    // Back: WORST - 15 of the carve. The 15 the child spent stay spent, so WORST no longer fits.
    expect((await chat(gateway.url, parent.secret)).status).toBe(429);
    const events = await waitFor(async () => {
      const rows = await db.usageEvent.findMany({ where: { keyId: child.id!, outcome: "success" } });
      return rows.length ? rows : null;
    });
    expect(events[0]).toMatchObject({ inputTokens: 10, outputTokens: 5 });
  });

  it("ending a child releases its carve for the parent", async () => {
    const parent = await t.key({ maxChildKeys: 5, budgets: [{ kind: "tokens", period: "monthly", limit: 2 * WORST }] });
    const child = await mint(second.url, parent.secret, { budget_tokens: WORST + 1 });
    expect((await chat(gateway.url, parent.secret)).status).toBe(429);
    await revokeKey({ actor: t.adminActor, keyId: child.id! });
    expect((await chat(gateway.url, parent.secret)).status).toBe(200);
  });
});

describe("revocation cascade", () => {
  it("revoking the parent revokes every child at once on every instance", async () => {
    const parent = await t.key({ maxChildKeys: 5 });
    const children = await Promise.all([1, 2, 3].map((i) => mint(gateway.url, parent.secret, { run_id: `sub-agent-${i}` })));
    for (const c of children) for (const url of [gateway.url, second.url]) expect((await chat(url, c.key!)).status).toBe(200);
    await revokeKey({ actor: t.adminActor, keyId: parent.id });
    for (const c of children) {
      expect((await chat(gateway.url, c.key!)).status).toBe(403);
      await waitFor(async () => (await chat(second.url, c.key!)).status === 403);
    }
    expect(await db.virtualKey.count({ where: { parentKeyId: parent.id, status: "revoked" } })).toBe(3);
  });
});
