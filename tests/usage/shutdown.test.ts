// SIGTERM drains promptly: idle keep-alive connections do not hold the process until the grace
// period ends, and a request still running when it ends is cut and metered, never lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import http from "node:http";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGatewayProcess } from "@/tests/helpers/gateway-process";
import { createTestOrg, waitFor, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";

let fake: FakeProvider;
let t: TestOrg;
let secret: string;

beforeAll(async () => {
  fake = await startFakeProvider();
  t = await createTestOrg(fake.url);
  secret = (await t.key()).secret;
});
afterAll(() => fake.close());

const exitCode = (child: import("node:child_process").ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

function chat(url: string, agent: http.Agent, stream: boolean): Promise<http.IncomingMessage> {
  const body = JSON.stringify({ model: "gpt-4o-mini", stream, messages: [{ role: "user", content: "x" }] });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/v1/chat/completions`,
      { method: "POST", agent, headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" } },
      resolve,
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("SIGTERM", () => {
  it("exits cleanly once the request in flight is done, though its keep-alive connection stays open", { timeout: 60_000 }, async () => {
    fake.configure({ latencyMs: 1_500 });
    const gateway = await startGatewayProcess();
    const agent = new http.Agent({ keepAlive: true });
    const response = chat(gateway.url, agent, false);
    await waitFor(async () => fake.requests.length === 1, 10_000);
    const exited = exitCode(gateway.child);
    gateway.child.kill("SIGTERM"); // while the request is in flight
    const res = await response;
    expect(res.statusCode).toBe(200);
    res.resume();
    // 0 = drained; the force path (grace period over, the idle keep-alive socket still open) exits 1.
    expect(await exited).toBe(0);
    agent.destroy();
    fake.reset();
  });

  it("cuts a request still running when the grace period ends, and meters it", { timeout: 60_000 }, async () => {
    fake.configure({ chunks: 40, chunkDelayMs: 1_000 });
    const gateway = await startGatewayProcess({ LATCH_SHUTDOWN_GRACE_MS: "1000" });
    const agent = new http.Agent({ keepAlive: true });
    const res = await chat(gateway.url, agent, true);
    const requestId = res.headers["x-request-id"] as string;
    // Streaming has begun: at least one chunk of generated text reached the client.
    await new Promise<void>((resolve) => {
      let seen = "";
      const onData = (d: Buffer) => {
        seen += d.toString();
        if (/"content":"[^"]+"/.test(seen)) res.off("data", onData), resolve();
      };
      res.on("data", onData);
    });
    res.on("error", () => {});
    res.resume();
    const exited = exitCode(gateway.child);
    gateway.child.kill("SIGTERM");
    expect(await exited).toBe(1);
    const event = await waitFor(() => db.usageEvent.findFirst({ where: { id: requestId } }), 10_000);
    expect(event).toMatchObject({ outcome: "aborted" });
    expect(event.outputTokens).toBeGreaterThan(0);
    agent.destroy();
    fake.reset();
  });
});
