import { describe, expect, it } from "vitest";
import { FAKE_AWS_KEYS, FAKE_ROLE_ARN, startFakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import { verifySigV4 } from "@/e2e/fixtures/fake-bedrock/sigv4";
import { buildInput, credential } from "../test-helpers";
import type { BuildRequestInput, Credential, UpstreamRequest } from "../types";
import { parseBedrockSecret, resolveAwsKeys, type AwsKeys } from "./credentials";
import { bedrockAdapter as adapter } from "./index";

const KEYS: AwsKeys = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const bedrockCredential = (overrides: Partial<Credential> = {}) =>
  credential({ provider: "bedrock", secret: JSON.stringify(KEYS), config: { region: "eu-central-1" }, ...overrides });
const input = (overrides: Partial<BuildRequestInput> = {}) =>
  buildInput({ credential: bedrockCredential(), upstreamModel: "anthropic.claude-3-5-haiku-20241022-v1:0", ...overrides });

/** What a server sees: the path as sent, a host header, and the signed headers. */
function received(request: UpstreamRequest) {
  const url = new URL(request.url);
  return { method: request.method, rawPath: url.pathname + url.search, headers: { ...request.headers, host: url.host }, body: request.body ?? "" };
}

describe("Bedrock requests", () => {
  it("targets the credential's regional runtime, Converse or ConverseStream, model id escaped", () => {
    const plain = adapter.buildRequest(input());
    expect(plain.url).toBe("https://bedrock-runtime.eu-central-1.amazonaws.com/model/anthropic.claude-3-5-haiku-20241022-v1%3A0/converse");
    expect(plain.headers).toMatchObject({ "content-type": "application/json", accept: "application/json" });
    const streamed = adapter.buildRequest(input({ stream: true }));
    expect(streamed.url.endsWith("/converse-stream")).toBe(true);
    expect(streamed.headers.accept).toBe("application/vnd.amazon.eventstream");
    const defaults = adapter.buildRequest(input({ credential: bedrockCredential({ config: {} }) }));
    expect(defaults.url.startsWith("https://bedrock-runtime.us-east-1.amazonaws.com/")).toBe(true);
    const overridden = adapter.buildRequest(input({ credential: bedrockCredential({ baseUrl: "http://127.0.0.1:4555/" }) }));
    expect(overridden.url.startsWith("http://127.0.0.1:4555/model/")).toBe(true);
    expect(adapter.supports("messages") && adapter.supports("chat.completions") && !adapter.supports("embeddings")).toBe(true);
  });

  it("signs with SigV4 for the credential's region; the signature verifies and covers the body", async () => {
    const built = adapter.buildRequest(input());
    const signed = await adapter.authorizeRequest!(built, input());
    expect(signed.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-central-1\/bedrock\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
    );
    expect(signed.headers).not.toHaveProperty("host");
    const lookup = (id: string) => (id === KEYS.accessKeyId ? KEYS : undefined);
    expect(await verifySigV4(received(signed), lookup)).toMatchObject({ ok: true, region: "eu-central-1", service: "bedrock" });
    expect(await verifySigV4({ ...received(signed), body: signed.body!.replace("Hi", "Ho") }, lookup)).toMatchObject({ ok: false });
    expect(await verifySigV4({ ...received(signed), rawPath: received(signed).rawPath.replace("%3A", ":") }, lookup)).toMatchObject({ ok: false });
  });

  it("sends a stored session token", async () => {
    const withToken = input({ credential: bedrockCredential({ secret: JSON.stringify({ ...KEYS, sessionToken: "FwoGZXIvYXdzEXAMPLE" }) }) });
    const signed = await adapter.authorizeRequest!(adapter.buildRequest(withToken), withToken);
    expect(signed.headers["x-amz-security-token"]).toBe("FwoGZXIvYXdzEXAMPLE");
  });
});

describe("Bedrock credentials and errors", () => {
  it("assumes a role once for concurrent requests, and does not cache a refusal", async () => {
    const fake = await startFakeBedrock();
    try {
      const roleCredential = (id: string, roleArn: string) =>
        bedrockCredential({ id, secret: JSON.stringify({ ...FAKE_AWS_KEYS, roleArn }), config: { region: fake.region, stsEndpoint: fake.url } });
      const good = roleCredential("cred_role", FAKE_ROLE_ARN);
      const keys = await Promise.all([1, 2, 3].map(() => resolveAwsKeys(good)));
      expect(keys[0]).toMatchObject({ accessKeyId: expect.stringMatching(/^ASIA/), sessionToken: expect.any(String) });
      expect(keys).toEqual([keys[0], keys[0], keys[0]]);
      const denied = roleCredential("cred_denied", "arn:aws:iam::123456789012:role/other");
      await expect(resolveAwsKeys(denied)).rejects.toThrow(/Not authorized/);
      await expect(resolveAwsKeys(denied)).rejects.toThrow(/Not authorized/);
      expect(fake.requests.map((r) => r.operation)).toEqual(["AssumeRole", "AssumeRole", "AssumeRole"]);
      expect(fake.rejected).toEqual([]);
    } finally {
      await fake.close();
    }
  });

  it("reads the stored JSON secret and refuses anything else", () => {
    expect(parseBedrockSecret(JSON.stringify({ ...KEYS, roleArn: "arn:aws:iam::1:role/r", extra: 1 }))).toEqual({ ...KEYS, roleArn: "arn:aws:iam::1:role/r" });
    for (const secret of [null, "AKIA...", JSON.stringify({ accessKeyId: "x" })]) expect(() => parseBedrockSecret(secret)).toThrow(/accessKeyId/);
  });

  it("maps Bedrock's status-named exceptions without leaking key ids", () => {
    expect(adapter.mapError(400, '{"message":"Malformed input request: #: extraneous key [foo] is not permitted"}')).toEqual({
      status: 400,
      message: "Malformed input request: #: extraneous key [foo] is not permitted",
      type: "invalid_request_error",
      code: "validation_exception",
      param: null,
    });
    expect(adapter.mapError(429, '{"message":"Too many requests"}')).toMatchObject({ status: 429, type: "rate_limit_error", code: "throttling_exception" });
    expect(adapter.mapError(424, '{"message":"Model failed"}')).toMatchObject({ status: 502, type: "server_error" });
    expect(adapter.mapError(403, '{"Message":"Credential AKIAIOSFODNN7EXAMPLE is not valid"}').message).toBe("Credential [redacted] is not valid");
    expect(adapter.mapError(500, "<html>")).toMatchObject({ status: 500, message: "Upstream provider returned HTTP 500" });
  });
});
