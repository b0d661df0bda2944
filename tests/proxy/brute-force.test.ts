// Guessing keys costs the guesser: after 30 unknown keys in a minute an address gets 429s for its
// unknown keys, while valid keys from the same address (a colleague behind one NAT) keep working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg } from "@/tests/helpers/org";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const call = (secret: string) =>
  fetch(`${gateway.url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "x" }] }),
  });

describe("unknown-key throttle", () => {
  it("refuses an address's unknown keys after 30 of them, but never a valid key from it", { timeout: 60_000 }, async () => {
    const t = await createTestOrg("http://127.0.0.1:9");
    const warm = await t.key();
    const cold = await t.key();
    expect((await call(warm.secret)).status).toBe(200);
    for (let i = 0; i < 30; i++) expect((await call(`sk-latch-guess${i}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`)).status).toBe(401);
    const throttled = await call("sk-latch-guess-after-the-limit-xxxxxxxxxxxxxxx");
    expect(throttled.status).toBe(429);
    expect(((await throttled.json()) as { error: { code: string } }).error.code).toBe("too_many_failed_attempts");
    expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call(warm.secret)).status).toBe(200);
    expect((await call(cold.secret)).status).toBe(200); // never used before: looked up, and served
    expect((await call("sk-latch-another-guess-xxxxxxxxxxxxxxxxxxxxxxxxx")).status).toBe(429);
  });
});
