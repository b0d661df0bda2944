// Bedrock and Vertex AI credentials through the admin verbs: per-provider validation (400s that
// name the field), region/project in config, a meaningful last-4, and "test connection" against
// the loopback fakes (a signed one-token Converse; a minted OAuth token), never leaking the secret.
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_AWS_KEYS, FAKE_ROLE_ARN, startFakeBedrock, type FakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import { FAKE_VERTEX_PROJECT, startFakeVertex, type FakeVertex } from "@/e2e/fixtures/fake-vertex";
import { CLOUD_MODELS } from "@/tests/helpers/cloud-org";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { createCredential } from "@/lib/credentials/create";
import { updateCredential } from "@/lib/credentials/update";
import { testCredential } from "@/lib/credentials/test";
import type { CreateCredentialInput } from "@/lib/credentials/schemas";

let bedrock: FakeBedrock;
let vertex: FakeVertex;
let t: TestOrg;
let n = 0;
beforeAll(async () => {
  [bedrock, vertex] = await Promise.all([startFakeBedrock(), startFakeVertex()]);
  t = await createTestOrg("http://127.0.0.1:9");
});
afterAll(() => Promise.all([bedrock.close(), vertex.close()]));

const create = (input: Omit<CreateCredentialInput, "name">) => createCredential({ actor: t.adminActor, input: { name: `cloud-${++n}`, ...input } });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: { param?: string; code?: string; status?: number; message: string }) => err,
  );
const awsKeys = JSON.stringify(FAKE_AWS_KEYS);
const bedrockInput = (extra: Partial<CreateCredentialInput> = {}) => ({
  provider: "bedrock" as const,
  baseUrl: bedrock.url,
  apiKey: awsKeys,
  region: bedrock.region,
  ...extra,
});
const saKey = (patch: Record<string, unknown> = {}) => JSON.stringify({ ...JSON.parse(vertex.serviceAccountKey()), ...patch });

describe("creating cloud credentials", () => {
  it("refuses incomplete Bedrock credentials with 400s naming the field", async () => {
    expect(await rejection(create(bedrockInput({ region: null })))).toMatchObject({ status: 400, param: "region" });
    expect(await rejection(create(bedrockInput({ apiKey: "AKIAFAKEBEDROCK00001" })))).toMatchObject({ status: 400, param: "apiKey" });
    expect(await rejection(create(bedrockInput({ apiKey: JSON.stringify({ accessKeyId: "AKIA1" }) })))).toMatchObject({ status: 400, param: "apiKey" });
    expect(await rejection(create(bedrockInput({ project: "p" })))).toMatchObject({ status: 400, param: "project" });
    expect(await rejection(create(bedrockInput({ stsEndpoint: "http://169.254.169.254/" })))).toMatchObject({
      status: 400,
      param: "stsEndpoint",
      code: "url_not_allowed",
    });
    expect(await rejection(create({ provider: "openai", apiKey: "sk-x", region: "us-east-1" }))).toMatchObject({ status: 400, param: "region" });
  });

  it("stores region and STS endpoint in config and shows the access key id's last four", async () => {
    const created = await create(bedrockInput({ stsEndpoint: bedrock.url }));
    expect(created).toMatchObject({ secretLast4: "0001", config: { region: bedrock.region, stsEndpoint: bedrock.url } });
  });

  it("refuses incomplete Vertex AI credentials, and a token_uri pointing at metadata", async () => {
    const base = { provider: "vertex" as const, baseUrl: vertex.url, region: vertex.region };
    expect(await rejection(create({ ...base, apiKey: saKey(), region: null }))).toMatchObject({ status: 400, param: "region" });
    expect(await rejection(create({ ...base, apiKey: saKey({ project_id: undefined }) }))).toMatchObject({ status: 400, param: "project" });
    expect(await rejection(create({ ...base, apiKey: saKey({ private_key: undefined }) }))).toMatchObject({ status: 400, param: "apiKey" });
    const ssrf = await rejection(create({ ...base, apiKey: saKey({ token_uri: "http://169.254.169.254/token" }) }));
    expect(ssrf).toMatchObject({ status: 400, param: "apiKey", code: "url_not_allowed" });
    expect(ssrf!.message).toContain("token_uri");
    expect(await rejection(create({ ...base, apiKey: saKey(), stsEndpoint: bedrock.url }))).toMatchObject({ status: 400, param: "stsEndpoint" });
  });

  it("takes the project from the key file unless given, and shows the account name's last four", async () => {
    const created = await create({ provider: "vertex", baseUrl: vertex.url, region: vertex.region, apiKey: saKey() });
    expect(created).toMatchObject({ secretLast4: "atch", config: { region: vertex.region, project: FAKE_VERTEX_PROJECT } });
    const explicit = await create({ provider: "vertex", baseUrl: vertex.url, region: vertex.region, project: "other-project", apiKey: saKey() });
    expect(explicit.config).toMatchObject({ project: "other-project" });
  });

  it("validates updates against the provider: re-keying, moving region, removing the STS endpoint", async () => {
    const created = await create(bedrockInput({ stsEndpoint: bedrock.url }));
    const update = (input: Record<string, unknown>) => updateCredential({ actor: t.adminActor, input: { credentialId: created.id, ...input } });
    expect(await rejection(update({ apiKey: "not json" }))).toMatchObject({ status: 400, param: "apiKey" });
    expect(await rejection(update({ project: "p" }))).toMatchObject({ status: 400, param: "project" });
    const rekeyed = await update({
      apiKey: JSON.stringify({ accessKeyId: "AKIAROTATED000099", secretAccessKey: "s3cr3t-rotated-value" }),
      region: "eu-west-1",
      stsEndpoint: null,
    });
    expect(rekeyed).toMatchObject({ secretLast4: "0099", config: { region: "eu-west-1" } });
    expect(rekeyed.config).not.toHaveProperty("stsEndpoint");
  });
});

describe("test connection", () => {
  const models = [CLOUD_MODELS.bedrockHaiku];

  it("Bedrock: sends a signed one-token Converse and reports it", async () => {
    bedrock.reset();
    const { id } = await create(bedrockInput({ models }));
    const result = await testCredential({ actor: t.adminActor, credentialId: id });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(bedrock.requests.at(-1)).toMatchObject({ operation: "converse", modelId: CLOUD_MODELS.bedrockHaiku, json: { inferenceConfig: { maxTokens: 1 } } });
    expect(bedrock.rejected).toEqual([]);
  });

  it("Bedrock: assumes the role first", async () => {
    bedrock.reset();
    const { id } = await create(bedrockInput({ models, apiKey: JSON.stringify({ ...FAKE_AWS_KEYS, roleArn: FAKE_ROLE_ARN }), stsEndpoint: bedrock.url }));
    expect(await testCredential({ actor: t.adminActor, credentialId: id })).toMatchObject({ ok: true, status: 200 });
    expect(bedrock.requests.map((r) => r.operation)).toEqual(["AssumeRole", "converse"]);
  });

  it("Bedrock: a wrong secret access key fails with the provider's message, not the secret", async () => {
    const secretAccessKey = "wrong/secret/key/for/latch/tests/9999999999";
    const { id } = await create(bedrockInput({ models, apiKey: JSON.stringify({ ...FAKE_AWS_KEYS, secretAccessKey }) }));
    const result = await testCredential({ actor: t.adminActor, credentialId: id });
    expect(result).toMatchObject({ ok: false, status: 403, error: expect.any(String) });
    expect(result.error).not.toContain(secretAccessKey);
  });

  it("Bedrock: a role that cannot be assumed fails cleanly", async () => {
    const { id } = await create(
      bedrockInput({ models, apiKey: JSON.stringify({ ...FAKE_AWS_KEYS, roleArn: "arn:aws:iam::123456789012:role/nope" }), stsEndpoint: bedrock.url }),
    );
    const result = await testCredential({ actor: t.adminActor, credentialId: id });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/^The credentials were rejected: .*Not authorized to assume this role/);
    expect(result.error).not.toContain(FAKE_AWS_KEYS.secretAccessKey);
  });

  it("Vertex AI: a good key mints a token; nothing billable is sent", async () => {
    vertex.reset();
    const { id } = await create({ provider: "vertex", baseUrl: vertex.url, region: vertex.region, apiKey: saKey(), models: [CLOUD_MODELS.vertexFlash] });
    const result = await testCredential({ actor: t.adminActor, credentialId: id });
    expect(result).toMatchObject({ ok: true, status: null, detail: expect.stringContaining("accepted") });
    expect(vertex.tokenRequests).toHaveLength(1);
    expect(vertex.requests).toEqual([]);
  });

  it("Vertex AI: a key the token endpoint rejects fails with a clean message", async () => {
    const otherKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const { id } = await create({ provider: "vertex", baseUrl: vertex.url, region: vertex.region, apiKey: saKey({ private_key: otherKey }) });
    const result = await testCredential({ actor: t.adminActor, credentialId: id });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/^The credentials were rejected: /);
    expect(result.error).not.toMatch(/BEGIN|PRIVATE KEY/);
    for (const line of otherKey.split("\n").filter((l) => l.length > 20)) expect(result.error).not.toContain(line);
    expect(result.error).toContain("Invalid JWT Signature");
  });
});
