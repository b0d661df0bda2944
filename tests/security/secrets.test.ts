// Secrets never appear in clear: after traffic that exercises success, failures and provider
// errors that echo the provider key, we scan every response (body and headers), the gateway's
// logs at debug level, and every row of every table for raw virtual keys, provider keys and
// management tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, OPENAI_SECRET, ANTHROPIC_SECRET, waitFor, type TestOrg } from "@/tests/helpers/org";
import { createManagementToken } from "@/lib/management-tokens/create";
import { revokeKey } from "@/lib/keys/revoke";
import { rotateKey } from "@/lib/keys/rotate";
import { usageQueue } from "@/lib/usage/queue";
import { db } from "@/lib/db";

let fake: FakeProvider;
let gateway: GatewayProcess;
let t: TestOrg;
let logs = "";
const seen: string[] = [];

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGatewayProcess({ LOG_LEVEL: "debug" });
  for (const stream of [gateway.child.stdout!, gateway.child.stderr!]) stream.on("data", (d: Buffer) => (logs += d.toString()));
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.kill();
  await fake.close();
});

async function call(path: string, secret: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  seen.push(res.status.toString(), JSON.stringify([...res.headers]), await res.text());
}

describe("no secret in clear", () => {
  it("in responses, logs or the database", async () => {
    const key = await t.key();
    const rotated = await t.key({ name: "to rotate" });
    const revoked = await t.key({ name: "to revoke" });
    const { secret: mgmt } = await createManagementToken({ actor: t.adminActor, input: { name: "ci", scopes: ["keys:read"] } });
    const chat = { model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] };

    await call("/v1/chat/completions", key.secret, chat);
    await call("/v1/chat/completions", key.secret, { ...chat, stream: true });
    await call("/v1/messages", key.secret, { model: "claude-haiku", max_tokens: 5, messages: [{ role: "user", content: "x" }] });
    await call("/v1/chat/completions", mgmt, chat); // a management token is not a virtual key
    await call("/v1/chat/completions", `${key.secret}x`, chat);
    fake.configure({ failWith: { status: 401, body: { error: { message: `Incorrect API key provided: ${OPENAI_SECRET}`, type: "invalid_request_error" } } } });
    await call("/v1/chat/completions", key.secret, chat);
    fake.configure({ failWith: { status: 400, body: { error: { message: `bad request for key ${ANTHROPIC_SECRET} and ${OPENAI_SECRET}` } } } });
    await call("/v1/chat/completions", key.secret, chat);
    fake.reset();
    const next = await rotateKey({ actor: t.adminActor, input: { keyId: rotated.id, gracePeriodSeconds: 30, idempotencyKey: "scan" } });
    await call("/v1/chat/completions", next.secret, chat);
    await revokeKey({ actor: t.adminActor, keyId: revoked.id });
    await call("/v1/chat/completions", revoked.secret, chat);
    await usageQueue.flush();
    // The scan below is only worth something once the gateway's usage events are in: five for
    // the key's requests that reached a provider, one for the rotated key's.
    const events = (keyId: string) => db.usageEvent.count({ where: { keyId } });
    await waitFor(async () => (await events(key.id)) >= 5 && (await events(rotated.id)) >= 1, 60_000);

    const secrets = [key.secret, rotated.secret, next.secret, revoked.secret, mgmt, OPENAI_SECRET, ANTHROPIC_SECRET];
    const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    let dump = "";
    for (const { tablename } of tables) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      dump += rows.map((r) => r.row).join("\n");
    }
    expect(dump.length).toBeGreaterThan(1000);
    expect(logs.length).toBeGreaterThan(0);
    const everything = { responses: seen.join("\n"), logs, database: dump };
    for (const [where, text] of Object.entries(everything)) {
      for (const secret of secrets) expect(text.includes(secret), `a secret was found in ${where}`).toBe(false);
    }
  });
});
