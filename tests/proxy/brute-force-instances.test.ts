// Guesses spread over several instances add up: failed lookups are counted in Redis too, so an
// address is braked after 30 unknown keys in a minute across the fleet, not 30 per instance.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startGatewayProcess, type GatewayProcess } from "@/tests/helpers/gateway-process";

let first: TestGateway;
let second: GatewayProcess;
beforeAll(async () => {
  first = await startGateway();
  second = await startGatewayProcess();
});
afterAll(async () => {
  await second.kill();
  await first.close();
});

const call = (url: string, secret: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ model: "echo", messages: [{ role: "user", content: "x" }] }),
  });

describe("unknown-key throttle across instances", () => {
  it("brakes an address after 30 unknown keys in total, however they are spread", { timeout: 60_000 }, async () => {
    // The shared count is a fixed window on the wall clock: start well inside a minute.
    const toNextMinute = 60_000 - (Date.now() % 60_000);
    if (toNextMinute < 25_000) await new Promise((r) => setTimeout(r, toNextMinute + 100));
    for (let i = 0; i < 20; i++) expect((await call(first.url, `sk-latch-spread-a${i}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`)).status).toBe(401);
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await call(second.url, `sk-latch-spread-b${i}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`)).status);
    // 10 more lookups fit the fleet-wide 30; the 11th failure goes over, and the instance brakes.
    expect(statuses.slice(0, 11)).toEqual(Array(11).fill(401));
    expect(statuses.slice(11)).toEqual(Array(4).fill(429));
  });
});
