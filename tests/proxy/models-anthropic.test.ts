// GET /v1/models for Anthropic clients (they send anthropic-version, as the SDKs and Claude Code
// do): Anthropic's list shape and paging, only the models the key may use. OpenAI clients keep
// OpenAI's shape.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { startAppServer } from "@/tests/helpers/app-server";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";

let t: TestOrg;
let limited: string;
beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  limited = (await t.key({ allowedModels: ["claude-*", "echo"] })).secret;
});

describe.each([
  ["lean node:http path", () => startGateway()],
  ["Next route handlers", () => startAppServer({ fastPath: false })],
])("%s", (_name, start) => {
  let gateway: TestGateway;
  let anthropic: Anthropic;
  beforeAll(async () => {
    gateway = await start();
    anthropic = new Anthropic({ baseURL: gateway.url, apiKey: limited, maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it("models.list pages through Anthropic's list format, only what the key may use", async () => {
    const ids: string[] = [];
    for await (const model of anthropic.models.list({ limit: 1 })) {
      expect(model).toMatchObject({ type: "model", display_name: model.id });
      expect(Number.isNaN(Date.parse(model.created_at))).toBe(false);
      ids.push(model.id);
    }
    expect(ids.sort()).toEqual(["claude-haiku", "echo"]);

    const page = await anthropic.models.list();
    expect(page.has_more).toBe(false);
    expect(page.first_id).toBe(page.data[0]!.id);
    expect(page.last_id).toBe(page.data.at(-1)!.id);
  });

  it("models.retrieve answers one model, or Anthropic's 404", async () => {
    expect(await anthropic.models.retrieve("claude-haiku")).toMatchObject({ type: "model", id: "claude-haiku" });
    const err = await anthropic.models.retrieve("gpt-4o-mini").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.NotFoundError);
    expect((err as InstanceType<typeof Anthropic.NotFoundError>).error).toMatchObject({ type: "error", error: { type: "not_found_error" } });
  });

  it("OpenAI clients keep OpenAI's shape", async () => {
    const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: limited, maxRetries: 0 });
    const page = await openai.models.list();
    expect(page.data.map((m) => m.object)).toEqual(["model", "model"]);
    expect(page.data[0]).toHaveProperty("owned_by");
  });
});
