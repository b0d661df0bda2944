// Paths Latch does not serve answer JSON in the caller's format (never an HTML page), so SDKs
// raise their NotFoundError; known paths asked with the wrong method answer a JSON 405.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startAppServer } from "@/tests/helpers/app-server";

describe.each([
  ["lean node:http path", () => startGateway()],
  ["Next route handlers", () => startAppServer({ fastPath: false })],
  ["app with the lean data plane", () => startAppServer({ fastPath: true })],
])("%s", (_name, start) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await start();
  });
  afterAll(() => gateway.close());

  it("an unknown /v1 path is an OpenAI NotFoundError with code unknown_url, whatever the method", async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: "sk-latch-anything", maxRetries: 0 });
    const err = await openai.get("/assistants/asst_1").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err).toMatchObject({ status: 404, code: "unknown_url", type: "not_found_error" });
    for (const method of ["POST", "DELETE", "PUT"]) {
      const res = await fetch(`${gateway.url}/v1/responses/resp_1/cancel`, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toContain("application/json");
      expect(await res.json()).toMatchObject({ error: { type: "not_found_error", code: "unknown_url" } });
    }
  });

  it("under /v1/messages the 404 is Anthropic-shaped", async () => {
    const res = await fetch(`${gateway.url}/v1/messages/batches`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: "error", error: { type: "not_found_error", code: "unknown_url" } });
  });

  it("a known path with the wrong method is a JSON 405", async () => {
    const res = await fetch(`${gateway.url}/v1/chat/completions`);
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error", code: "method_not_allowed" } });
    const anthropic = await fetch(`${gateway.url}/v1/messages/count_tokens`, { method: "GET" });
    expect(anthropic.status).toBe(405);
    expect(await anthropic.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    const models = await fetch(`${gateway.url}/v1/models`, { method: "POST" });
    expect(models.status).toBe(405);
  });
});

it("a malformed escape in a path is answered, not thrown on the socket", async () => {
  const gateway = await startGateway();
  try {
    const res = await fetch(`${gateway.url}/v1/responses/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_url" } });
  } finally {
    await gateway.close();
  }
});
