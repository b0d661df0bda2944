// /metrics tells nobody about a tenant: closed by default in production (a bearer token, or
// opened on purpose), and its model label is the public catalog's id or "other", so neither an
// org's model names nor junk a client sends ever become a label.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { publishInvalidation } from "@/lib/invalidation";

type Family = { name: string; metrics: { labels?: Record<string, string> }[] };

const TOKEN = randomBytes(24).toString("hex");
const production = {
  NODE_ENV: "production",
  AUTH_SECRET: randomBytes(32).toString("base64"),
  LATCH_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  LATCH_DEV_SIGN_IN: "false",
};

let fake: FakeProvider;
let gateway: TestGateway;
let closed: GatewayProcess;
let withToken: GatewayProcess;
let open: GatewayProcess;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  [closed, withToken, open] = await Promise.all([
    startGatewayProcess(production),
    startGatewayProcess({ ...production, LATCH_METRICS_TOKEN: TOKEN }),
    startGatewayProcess({ ...production, LATCH_METRICS_PUBLIC: "1" }),
  ]);
  t = await createTestOrg(fake.url);
}, 240_000);
afterAll(async () => {
  await Promise.all([closed, withToken, open].map((p) => p?.kill()));
  await gateway.close();
  await fake.close();
});

describe("who may read /metrics in production", () => {
  it("nobody by default; a bearer token when one is set; anyone when opened on purpose", async () => {
    const get = (p: GatewayProcess, token?: string) => fetch(`${p.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const refused = await get(closed);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "invalid_metrics_token", type: "authentication_error" } });
    expect((await get(closed, TOKEN)).status).toBe(401);
    expect((await get(withToken)).status).toBe(401);
    expect((await get(withToken, `${TOKEN}x`)).status).toBe(401);
    const scraped = await get(withToken, TOKEN);
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("latch_requests_total");
    expect((await get(open)).status).toBe(200);
  });
});

describe("labels", () => {
  it("carry catalog model ids or 'other', never an org's model names or a client's junk", async () => {
    const orgModel = `acme-private-${randomUUID().slice(0, 8)}`;
    await db.modelRoute.create({ data: { orgId: t.org.id, publicName: orgModel, credentialId: t.credentials.openai.id, upstreamModel: `ft:${orgModel}` } });
    await publishInvalidation({ kind: "org", orgId: t.org.id });
    const { secret } = await t.key();
    const junk = Array.from({ length: 30 }, () => `junk-${randomUUID()}`);
    for (const model of [orgModel, "gpt-4o-mini", ...junk])
      await fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model, messages: [{ role: "user", content: "x" }] }),
      });
    const families = parsePrometheusTextFormat(await (await fetch(`${gateway.url}/metrics`)).text()) as Family[];
    const models = new Set(families.flatMap((f) => f.metrics.flatMap((m) => (m.labels?.model ? [m.labels.model] : []))));
    expect(models.has("gpt-4o-mini")).toBe(true);
    expect(models.has("other")).toBe(true);
    for (const model of models) expect(model.includes("junk-") || model.includes("acme-private")).toBe(false);
  });
});
