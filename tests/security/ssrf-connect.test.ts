// The address check runs when a connection is made, not only when a URL is saved: a host name that
// later resolves to a refused address (DNS rebinding) and an IP literal written past the save-time
// check are both refused on connect, and no outbound call follows a redirect.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "undici";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { createGuardedAgent, isForbiddenConnection } from "@/lib/security/guarded-dispatcher";
import { isForbiddenAddress } from "@/lib/security/ssrf";
import { testCredential } from "@/lib/credentials/test";
import { db } from "@/lib/db";

let fake: FakeProvider;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  t = await createTestOrg(fake.url);
});
afterAll(() => fake.close());

describe("addresses that carry a refused IPv4 address", () => {
  it.each(["::169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "::ffff:169.254.169.254", "::ffff:a9fe:a9fe", "64:ff9b::7f00:1"])(
    "%s is refused",
    (ip) => {
      expect(isForbiddenAddress(ip)).toBe(true);
    },
  );
  it.each(["2001:db8::1", "2002:cb00:710a::1", "64:ff9b::cb00:710a", "::1.2.3.4"])("%s is allowed", (ip) => {
    expect(isForbiddenAddress(ip)).toBe(false);
  });
});

describe("the guarded agent", () => {
  const agent = createGuardedAgent({ allowPrivate: false });
  afterAll(() => agent.close());

  it("refuses a host name that resolves to a refused address at connect time, and IP literals", async () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) {
      const error = await request(`http://${host}:${fake.port}/v1/models`, { dispatcher: agent }).catch((e: unknown) => e);
      expect(isForbiddenConnection(error), host).toBe(true);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe("a gateway whose provider host rebinds after it was saved", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess({ LATCH_ALLOW_PRIVATE_UPSTREAMS: "false" });
  });
  afterAll(() => gateway.kill());

  it("refuses the connection: the provider never sees the request or the secret", async () => {
    fake.reset();
    // As if `localhost` had resolved to a public address when the URL was checked and saved.
    await db.providerCredential.update({ where: { id: t.credentials.openai.id }, data: { baseUrl: `http://localhost:${fake.port}/v1` } });
    const { secret } = await t.key();
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ model: "gpt-4o-mini", messages: [{ role: "user", content: "x" }] }),
    });
    expect(response.status).toBe(502);
    expect(fake.requests).toHaveLength(0);
    await db.providerCredential.update({ where: { id: t.credentials.openai.id }, data: { baseUrl: `${fake.url}/v1` } });
  });
});

describe("test connection", () => {
  it("does not follow a redirect and does not echo its target", async () => {
    const target = await startFakeProvider({ replyText: "secret page behind the redirect" });
    fake.reset();
    fake.configure({ failWith: { status: 302, headers: { location: `${target.url}/v1/models` }, body: "" } });
    const result = await testCredential({ actor: t.adminActor, credentialId: t.credentials.openai.id });
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(result.error).toMatch(/redirect/);
    expect(target.requests).toHaveLength(0);
    fake.reset();
    await target.close();
  });
});
