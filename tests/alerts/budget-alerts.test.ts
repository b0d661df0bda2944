// Budget alerts: each threshold once per period, a signed Slack-compatible webhook, visible to
// the right people only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, waitFor } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { crossedThresholds } from "@/lib/alerts/thresholds";
import { acknowledgeAlert, listOpenAlerts, updateAlertSettings } from "@/lib/alerts/settings";

let fake: FakeProvider;
let gateway: TestGateway;
let receiver: http.Server;
let receiverUrl: string;
const received: { body: string; signature: string | undefined }[] = [];

beforeAll(async () => {
  fake = await startFakeProvider({ usage: { prompt_tokens: 100, completion_tokens: 50 } });
  gateway = await startGateway();
  receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      received.push({ body, signature: req.headers["x-latch-signature"] as string | undefined });
      res.end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
  receiver.close();
});

describe("thresholds", () => {
  it("fire when a total moves from below to at-or-above them", () => {
    expect(crossedThresholds(40, 60, 100, [50, 80, 100])).toEqual([50]);
    expect(crossedThresholds(40, 120, 100, [50, 80, 100])).toEqual([50, 80, 100]);
    expect(crossedThresholds(50, 60, 100, [50, 80, 100])).toEqual([]);
    expect(crossedThresholds(60, 60, 100, [50])).toEqual([]);
  });
});

describe("budget alerts", () => {
  it("raise 50/80/100% once each, with a signed webhook, and show to the key's owner and admins", async () => {
    const t = await createTestOrg(fake.url);
    await updateAlertSettings({ actor: t.adminActor, input: { webhookUrl: receiverUrl, webhookSecret: "whsec_0123456789abcdef" } });
    const key = await t.key({ budgets: [{ kind: "tokens", period: "monthly", limit: 1050 }] });
    const post = () =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${key.secret}`, "content-type": "application/json" },
        // A 200-byte body: its worst case (100 input + 50 output) is exactly what the fake reports, so
        // each request settles its whole reservation (settlement is clamped to it) and the last one fits.
        body: JSON.stringify({ model: "gpt-4o-mini", max_tokens: 50, messages: [{ role: "user", content: "x".repeat(119) }] }),
      });
    // 150 tokens each: 600 crosses 50% (525), 900 crosses 80% (840), 1,050 reaches 100%.
    for (let i = 0; i < 7; i++) expect((await post()).status).toBe(200);
    const alerts = await waitFor(async () => {
      const rows = await db.budgetAlert.findMany({ where: { orgId: t.org.id }, orderBy: { threshold: "asc" } });
      return rows.length === 3 && rows;
    });
    expect(alerts.map((a) => [a.threshold, a.scope, a.targetId])).toEqual([
      [50, "key", key.id],
      [80, "key", key.id],
      [100, "key", key.id],
    ]);

    await waitFor(async () => received.length >= 3);
    const hook = received[0]!;
    const payload = JSON.parse(hook.body) as { text: string; threshold: number };
    expect(payload.text).toContain("reached 50%");
    const [, t1, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(hook.signature ?? "") ?? [];
    expect(v1).toBe(createHmac("sha256", "whsec_0123456789abcdef").update(`${t1}.${hook.body}`).digest("hex"));

    expect(await listOpenAlerts({ actor: t.developerActor })).toHaveLength(3); // the developer owns the key
    const outsider = await createTestOrg(fake.url);
    expect(await listOpenAlerts({ actor: outsider.adminActor })).toHaveLength(0);
    await acknowledgeAlert({ actor: t.developerActor, alertId: alerts[0]!.id });
    expect(await listOpenAlerts({ actor: t.adminActor })).toHaveLength(2);
  });

  it("refuses webhook URLs on metadata addresses and settings changes by non-admins", async () => {
    const t = await createTestOrg(fake.url);
    await expect(updateAlertSettings({ actor: t.developerActor, input: { thresholds: [90] } })).rejects.toMatchObject({ status: 403 });
    await expect(updateAlertSettings({ actor: t.adminActor, input: { webhookUrl: "http://169.254.169.254/latest" } })).rejects.toMatchObject({ status: 400 });
  });
});
