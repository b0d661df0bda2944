// /metrics parses as Prometheus text and moves with traffic.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

type Family = { name: string; type: string; metrics: { value?: string; labels?: Record<string, string>; count?: string }[] };

async function scrape(): Promise<Map<string, Family>> {
  const res = await fetch(`${gateway.url}/metrics`);
  expect(res.headers.get("content-type")).toContain("text/plain");
  const families = parsePrometheusTextFormat(await res.text()) as Family[];
  return new Map(families.map((f) => [f.name, f]));
}

const sum = (f: Family | undefined, match: Record<string, string>) =>
  (f?.metrics ?? []).filter((m) => Object.entries(match).every(([k, v]) => m.labels?.[k] === v)).reduce((n, m) => n + Number(m.value ?? m.count ?? 0), 0);

describe("GET /metrics", () => {
  it("counts requests, rejections, tokens and latency as traffic flows", async () => {
    const before = await scrape();
    const { secret } = await t.key({ allowedModels: ["gpt-4o*"] });
    const post = (model: string) =>
      fetch(`${gateway.url}/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model, messages: [{ role: "user", content: "x" }] }),
      });
    for (let i = 0; i < 3; i++) await post("gpt-4o-mini");
    await post("echo");
    const after = await scrape();

    const ok = { provider: "openai", model: "gpt-4o-mini", outcome: "success" };
    expect(sum(after.get("latch_requests_total"), ok) - sum(before.get("latch_requests_total"), ok)).toBe(3);
    const denied = { reason: "model_not_allowed" };
    expect(sum(after.get("latch_rejections_total"), denied) - sum(before.get("latch_rejections_total"), denied)).toBe(1);
    const input = { provider: "openai", direction: "input" };
    expect(sum(after.get("latch_tokens_total"), input) - sum(before.get("latch_tokens_total"), input)).toBe(30);
    expect(after.get("latch_request_duration_seconds")?.type).toBe("HISTOGRAM");
    expect(after.has("latch_usage_queue_depth")).toBe(true);
    expect([...after.keys()].some((name) => name.startsWith("latch_process_"))).toBe(true);
  });
});
