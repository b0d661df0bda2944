// The reservation covers the dearest way a request could be billed: a 1-hour cache write on
// every input token, the long-context tier the prompt could reach, the service tier asked for.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { hashSecret } from "@/lib/security/tokens";
import { getKeyByHash } from "@/lib/gateway/key-cache";
import { getOrgSnapshot } from "@/lib/gateway/org-cache";
import { acquireLimits, type LimitRequest } from "@/lib/policy/limits";
import { catalogPrice } from "@/lib/usage/price-catalog";

let fake: FakeProvider;
let t: TestOrg;

beforeAll(async () => {
  fake = await startFakeProvider();
  t = await createTestOrg(fake.url);
});
afterAll(async () => {
  await fake.close();
});

async function limits(capUsd: number) {
  const { secret } = await t.key({ maxRequestCostUsd: capUsd });
  const key = (await getKeyByHash(hashSecret(secret)))!;
  const org = (await getOrgSnapshot(t.org.id))!;
  return (r: Pick<LimitRequest, "estimatedInputTokens" | "maxOutputTokens" | "price" | "serviceTier">) =>
    acquireLimits({ requestId: crypto.randomUUID(), key, org, now: Date.now(), ...r });
}

describe("worst case before the request", () => {
  const sonnet = catalogPrice("anthropic", "claude-sonnet-4-5")!;

  it("prices every input token as a 1-hour cache write (2x input)", async () => {
    // 100k tokens × $6 (1h write) + 1,000 × $15 = $0.615; at the plain input rate it would be $0.315.
    const request = await limits(0.6);
    await expect(request({ estimatedInputTokens: 100_000, maxOutputTokens: 1_000, price: sonnet })).rejects.toMatchObject({ code: "request_too_expensive" });
    (await (await limits(0.62))({ estimatedInputTokens: 100_000, maxOutputTokens: 1_000, price: sonnet })).release();
  });

  it("at the long-context tier a prompt of that size could reach", async () => {
    // 250k tokens × $12 (1h write above 200k) + 1,000 × $22.50 = $3.0225.
    const request = await limits(3.02);
    await expect(request({ estimatedInputTokens: 250_000, maxOutputTokens: 1_000, price: sonnet })).rejects.toMatchObject({ code: "request_too_expensive" });
    (await (await limits(3.03))({ estimatedInputTokens: 250_000, maxOutputTokens: 1_000, price: sonnet })).release();
  });

  it("at the service tier the request asks for", async () => {
    const gpt5 = catalogPrice("openai", "gpt-5")!;
    // 10k × $2.50 + 1,000 × $20 = $0.045 at priority; $0.0225 at standard.
    const request = await limits(0.03);
    (await request({ estimatedInputTokens: 10_000, maxOutputTokens: 1_000, price: gpt5 })).release();
    await expect(request({ estimatedInputTokens: 10_000, maxOutputTokens: 1_000, price: gpt5, serviceTier: "priority" })).rejects.toMatchObject({
      code: "request_too_expensive",
    });
  });
});
