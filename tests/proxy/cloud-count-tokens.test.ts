// Token counting and betas for Claude on the clouds, end to end through the Anthropic SDK against
// fakes that check SigV4 signatures and OAuth tokens: Bedrock's CountTokens, Vertex's count-tokens.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeBedrock, type FakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import { startFakeVertex, type FakeVertex } from "@/e2e/fixtures/fake-vertex";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { CLOUD_MODELS, createCloudOrg } from "@/tests/helpers/cloud-org";

let bedrock: FakeBedrock;
let vertex: FakeVertex;
let gateway: TestGateway;
let anthropic: Anthropic;
beforeAll(async () => {
  [bedrock, vertex, gateway] = await Promise.all([startFakeBedrock(), startFakeVertex(), startGateway()]);
  const t = await createCloudOrg(bedrock, vertex);
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: (await t.key()).secret, maxRetries: 0 });
});
afterAll(() => Promise.all([gateway.close(), bedrock.close(), vertex.close()]));
beforeEach(() => {
  bedrock.reset();
  vertex.reset();
});

const user = [{ role: "user" as const, content: "hi" }];
const BETAS = ["claude-code-20250219", "advanced-tool-use-2025-11-20", "context-1m-2025-08-07"];

describe("Bedrock", () => {
  it("counts with a signed CountTokens call", async () => {
    expect((await anthropic.messages.countTokens({ model: "bedrock-sonnet", messages: user })).input_tokens).toBe(12);
    const call = bedrock.requests.find((r) => r.operation === "count-tokens");
    expect(call).toMatchObject({
      modelId: CLOUD_MODELS.bedrockSonnet,
      json: { input: { converse: { messages: [{ role: "user", content: [{ text: "hi" }] }] } } },
    });
  });

  it("gets the betas it accepts as anthropic_beta", async () => {
    await anthropic.beta.messages.create({ model: "bedrock-sonnet", max_tokens: 10, messages: user, betas: BETAS });
    const call = bedrock.requests.find((r) => r.operation === "converse");
    expect(call?.json).toMatchObject({ additionalModelRequestFields: { anthropic_beta: ["tool-search-tool-2025-10-19", "context-1m-2025-08-07"] } });
  });
});

describe("Vertex AI", () => {
  it("counts at count-tokens:rawPredict with the model in the body", async () => {
    expect((await anthropic.messages.countTokens({ model: "vertex-sonnet", messages: user })).input_tokens).toBe(10);
    expect(vertex.requests.at(-1)).toMatchObject({ kind: "countTokens", json: { model: CLOUD_MODELS.vertexSonnet, messages: user } });
  });

  it("gets the betas it accepts in anthropic-beta", async () => {
    await anthropic.beta.messages.create({ model: "vertex-sonnet", max_tokens: 10, messages: user, betas: BETAS });
    expect(vertex.requests.at(-1)!.headers["anthropic-beta"]).toBe("tool-search-tool-2025-10-19,context-1m-2025-08-07");
  });

  it("a Gemini model cannot count: a clean Anthropic-shaped error, nothing sent", async () => {
    const err = await anthropic.messages.countTokens({ model: "vertex-flash", messages: user }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBeGreaterThanOrEqual(400);
    expect((err as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
    expect(vertex.requests).toHaveLength(0);
  });
});
