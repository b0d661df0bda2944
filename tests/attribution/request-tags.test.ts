// Per-request tags through the official SDKs: allowed dimensions are recorded with the key's own
// values and the defaults, spoofed or malformed tags get a clean 400 naming the tag (and never
// reach the provider), and the end user is recorded as sent or as a keyed hash.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { startFakeProvider, type FakeProvider } from "@/e2e/fixtures/fake-provider";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { createDimension } from "@/lib/attribution/create";
import { db } from "@/lib/db";
import { usageQueue } from "@/lib/usage/queue";
import { publishInvalidation } from "@/lib/invalidation";

let fake: FakeProvider;
let gateway: TestGateway;
let t: TestOrg;
let tagged: OpenAI;
let untaggable: OpenAI;
let taggedKeyId: string;

const chat = { model: "gpt-4o-mini", messages: [{ role: "user" as const, content: "hi" }] };

beforeAll(async () => {
  fake = await startFakeProvider();
  gateway = await startGateway();
  t = await createTestOrg(fake.url);
  await createDimension({ actor: t.adminActor, input: { name: "cost_center", values: ["R&D", "Sales"] } });
  await createDimension({ actor: t.adminActor, input: { name: "environment", values: ["prod", "staging", "dev"], defaultValue: "prod" } });
  await createDimension({ actor: t.adminActor, input: { name: "application" } });
  const a = await t.key({ dimensions: { cost_center: "R&D" }, requestTags: ["environment", "application"] });
  taggedKeyId = a.id;
  const b = await t.key({ dimensions: { cost_center: "Sales" } });
  tagged = new OpenAI({ apiKey: a.secret, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  untaggable = new OpenAI({ apiKey: b.secret, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await gateway.close();
  await fake.close();
});

async function refusal(promise: Promise<unknown>) {
  const err = (await promise.then(
    () => null,
    (e: unknown) => e,
  )) as InstanceType<typeof OpenAI.APIError> | null;
  expect(err).toBeInstanceOf(OpenAI.BadRequestError);
  return { code: err!.code, param: err!.param, message: err!.message };
}

describe("per-request tags", () => {
  it("records allowed tags with the key's own values, the defaults and the end user", async () => {
    const reply = await tagged.chat.completions.create(
      { ...chat, user: "alice@example.test" },
      { headers: { "x-latch-tags": "environment=staging, application=support-bot" } },
    );
    expect(reply.choices[0]).toBeDefined();
    await tagged.chat.completions.create({ ...chat, metadata: { application: "evals", run: "42" } });
    await usageQueue.flush();
    const events = await db.usageEvent.findMany({ where: { keyId: taggedKeyId }, orderBy: { createdAt: "asc" }, select: { dimensions: true, endUser: true } });
    expect(events).toEqual([
      { dimensions: { cost_center: "R&D", environment: "staging", application: "support-bot" }, endUser: "alice@example.test" },
      { dimensions: { cost_center: "R&D", environment: "prod", application: "evals" }, endUser: null },
    ]);
    // The client's own metadata goes upstream untouched.
    expect(fake.requests.at(-1)?.json).toMatchObject({ metadata: { application: "evals", run: "42" } });
  });

  it("refuses spoofed, unknown, malformed and disallowed tags before the provider is called", async () => {
    fake.reset();
    const spoof = await refusal(tagged.chat.completions.create(chat, { headers: { "x-latch-tags": "cost_center=Sales" } }));
    expect(spoof).toMatchObject({ code: "tag_not_allowed", param: "x-latch-tags.cost_center" });
    expect(spoof.message).toContain("cost_center");
    expect(await refusal(tagged.chat.completions.create({ ...chat, metadata: { cost_center: "Sales" } }))).toMatchObject({
      code: "tag_not_allowed",
      param: "metadata.cost_center",
    });
    expect(await refusal(tagged.chat.completions.create(chat, { headers: { "x-latch-tags": "colour=blue" } }))).toMatchObject({
      code: "invalid_tag",
      param: "x-latch-tags.colour",
    });
    expect(await refusal(tagged.chat.completions.create(chat, { headers: { "x-latch-tags": "environment=qa" } }))).toMatchObject({
      code: "invalid_tag",
      param: "x-latch-tags.environment",
    });
    expect(await refusal(tagged.chat.completions.create(chat, { headers: { "x-latch-tags": "environment" } }))).toMatchObject({
      code: "invalid_tag",
      param: "x-latch-tags",
    });
    expect(await refusal(untaggable.chat.completions.create(chat, { headers: { "x-latch-tags": "environment=dev" } }))).toMatchObject({
      code: "tag_not_allowed",
      param: "x-latch-tags.environment",
    });
    // Repeating the key's own value is not an override.
    await tagged.chat.completions.create(chat, { headers: { "x-latch-tags": "cost_center=R&D" } });
    expect(fake.requests).toHaveLength(1);
  });

  it("hashes the end user when the org asks, for Anthropic's metadata.user_id too", async () => {
    await db.organization.update({ where: { id: t.org.id }, data: { hashEndUsers: true } });
    await publishInvalidation({ kind: "org", orgId: t.org.id });
    const c = await t.key({ dimensions: { cost_center: "Sales" } });
    const claude = new Anthropic({ apiKey: c.secret, baseURL: gateway.url, maxRetries: 0 });
    await claude.messages.create({ model: "claude-haiku", max_tokens: 20, messages: [{ role: "user", content: "hi" }], metadata: { user_id: "user-7" } });
    await claude.messages.create({ model: "claude-haiku", max_tokens: 20, messages: [{ role: "user", content: "hi" }], metadata: { user_id: "user-7" } });
    await usageQueue.flush();
    const events = await db.usageEvent.findMany({ where: { keyId: c.id }, select: { endUser: true, dimensions: true } });
    expect(events).toHaveLength(2);
    expect(events[0]!.endUser).toMatch(/^h_[0-9a-f]{32}$/);
    expect(events[1]!.endUser).toBe(events[0]!.endUser);
    expect(JSON.stringify(await db.usageEvent.findMany({ where: { orgId: t.org.id } }))).not.toContain("user-7");
    expect(events[0]!.dimensions).toEqual({ cost_center: "Sales", environment: "prod" });
  });
});
