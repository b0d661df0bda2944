// The data plane of the production build (server.ts, fast path) through the official SDKs: a
// provider and a key are set up with the management API, as automation would.
import { expect, test } from "@playwright/test";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { APP_URL, FAKE_PROVIDER_URL } from "../../playwright.config";

const ADMIN_TOKEN = "latch_admin_e2e_bootstrap_token_0123456789abcdef";

async function api(path: string, body: unknown) {
  const res = await fetch(`${APP_URL}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as Record<string, unknown>;
}

test("openai and anthropic SDKs through the production server, streaming included", async () => {
  const tag = Date.now().toString(36);
  await api("/v1/providers", {
    type: "openai_compatible",
    name: `fake-openai-${tag}`,
    base_url: `${FAKE_PROVIDER_URL}/v1`,
    api_key: "sk-fake-upstream",
    models: [`e2e-gpt-${tag}`],
  });
  await api("/v1/providers", {
    type: "anthropic",
    name: `fake-anthropic-${tag}`,
    base_url: FAKE_PROVIDER_URL,
    api_key: "sk-ant-fake",
    models: [`e2e-claude-${tag}`],
  });
  await api("/v1/prices", { provider: "openai", model: `e2e-gpt-${tag}`, input_usd_per_million: 1, output_usd_per_million: 2 });
  await api("/v1/prices", { provider: "anthropic", model: `e2e-claude-${tag}`, input_usd_per_million: 1, output_usd_per_million: 2 });
  const key = (await api("/v1/keys", { name: `sdk-${tag}`, owner_email: "admin@demo.latch.local" })).key as string;

  const openai = new OpenAI({ baseURL: `${APP_URL}/v1`, apiKey: key, maxRetries: 0 });
  const completion = await openai.chat.completions.create({ model: `e2e-gpt-${tag}`, messages: [{ role: "user", content: "hi" }] });
  expect(completion.choices[0]?.message.content).toBe("Hello from fake");
  let text = "";
  for await (const chunk of await openai.chat.completions.create({ model: `e2e-gpt-${tag}`, messages: [{ role: "user", content: "hi" }], stream: true })) {
    text += chunk.choices[0]?.delta.content ?? "";
  }
  expect(text).toBe("Hello from fake");
  const ids: string[] = [];
  for await (const model of openai.models.list()) ids.push(model.id);
  expect(ids).toEqual(expect.arrayContaining([`e2e-gpt-${tag}`, `e2e-claude-${tag}`]));

  const anthropic = new Anthropic({ baseURL: APP_URL, apiKey: key, maxRetries: 0 });
  const final = await anthropic.messages.stream({ model: `e2e-claude-${tag}`, max_tokens: 50, messages: [{ role: "user", content: "hi" }] }).finalMessage();
  expect(final.content[0]).toMatchObject({ type: "text", text: "Hello from fake" });

  const bad = new OpenAI({ baseURL: `${APP_URL}/v1`, apiKey: "sk-latch-not-a-key", maxRetries: 0 });
  await expect(bad.chat.completions.create({ model: `e2e-gpt-${tag}`, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({ status: 401 });
});
