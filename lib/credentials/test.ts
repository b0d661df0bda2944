import { fetch as undiciFetch } from "undici";
import { isForbiddenConnection, outboundAgent } from "@/lib/security/guarded-dispatcher";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getAdapter } from "@/lib/providers/registry";
import { decryptSecret } from "@/lib/security/secret-box";
import { NotFoundError } from "@/lib/errors";
import { tryParseJson } from "@/lib/providers/json";
import type { BuildRequestInput, Credential, ProviderAdapter, UpstreamRequest } from "@/lib/providers/types";

const TEST_TIMEOUT_MS = 10_000;

export type ConnectionTest = {
  ok: boolean;
  latencyMs: number;
  status: number | null;
  error?: string /** What an ok without an HTTP status proved. */;
  detail?: string;
};

/**
 * "Test connection": one real, read-only call through the provider module (its models list).
 * Providers served in process, or without a models endpoint, have nothing to reach and pass.
 */
export async function testCredential({ actor, credentialId }: { actor: Actor; credentialId: string }): Promise<ConnectionTest> {
  requirePermission(actor, "providers.write");
  const row = await db.providerCredential.findFirst({ where: { id: credentialId, orgId: actor.orgId } });
  if (!row) throw new NotFoundError("provider_not_found", "No such provider.", "id");
  const adapter = getAdapter(row.provider);
  if (!adapter) return { ok: false, latencyMs: 0, status: null, error: `Unknown provider module \`${row.provider}\`.` };
  const credential: Credential = {
    id: row.id,
    provider: row.provider,
    baseUrl: row.baseUrl,
    secret: row.encryptedSecret ? decryptSecret(row.encryptedSecret) : null,
    azureDeployment: row.azureDeployment,
    azureApiVersion: row.azureApiVersion,
    config: (row.config ?? {}) as Record<string, unknown>,
  };
  if (adapter.invokeLocal) return { ok: true, latencyMs: 0, status: null };
  const models = adapter.buildModelsRequest?.(credential) ?? null;
  if (models) return send(adapter, models, performance.now());
  if (adapter.authorizeRequest) return testAuthorization(adapter, credential);
  return { ok: true, latencyMs: 0, status: null };
}

/**
 * Providers that sign requests or mint tokens (Bedrock, Vertex AI): authorize a minimal chat
 * request the way the gateway would. For Vertex that mints an access token, which proves the
 * key; for Bedrock it signs (assuming the role, if any) and then sends the adapter's cheap call.
 */
async function testAuthorization(adapter: ProviderAdapter, credential: Credential): Promise<ConnectionTest> {
  const route = await db.modelRoute.findFirst({ where: { credentialId: credential.id }, orderBy: { createdAt: "asc" }, select: { upstreamModel: true } });
  const input: BuildRequestInput = {
    endpoint: "chat.completions",
    body: { messages: [{ role: "user", content: "ping" }], max_tokens: 1 },
    upstreamModel: route?.upstreamModel ?? "",
    credential,
    stream: false,
    clientWantsStreamUsage: false,
  };
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  let request: UpstreamRequest | null;
  try {
    request = adapter.buildTestRequest?.(input) ?? null;
    const authorized = await adapter.authorizeRequest!(
      request ?? adapter.buildRequest({ ...input, upstreamModel: input.upstreamModel || "latch-connection-test" }),
      input,
    );
    if (!request)
      return { ok: true, latencyMs: latency(), status: null, detail: "Credentials accepted: an access token was issued or the request was signed." };
    request = authorized;
  } catch (err) {
    return { ok: false, latencyMs: latency(), status: null, error: `The credentials were rejected: ${cleanError(err, credential.secret)}` };
  }
  return send(adapter, request, started);
}

/** An error's first line, without anything of the secret in it (token endpoints may echo what they got). */
export function cleanError(err: unknown, secret: string | null): string {
  let message = (err instanceof Error ? err.message : String(err)).split("\n")[0]!.trim().slice(0, 300) || "unknown error";
  const json = secret ? tryParseJson(secret) : undefined;
  const fields = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
  const values = ["secretAccessKey", "sessionToken", "private_key", "private_key_id"].map((k) => fields[k]);
  for (const value of [secret, ...values]) {
    if (typeof value !== "string" || value.length < 8) continue;
    for (const part of [value, ...value.split("\n")]) if (part.trim().length >= 8) message = message.replaceAll(part.trim(), "[redacted]");
  }
  return message.replace(/-----BEGIN[^]*?(-----END[^-]*-----|$)/g, "[redacted]");
}

async function send(adapter: ProviderAdapter, request: UpstreamRequest, started: number): Promise<ConnectionTest> {
  const latency = () => Math.round(performance.now() - started);
  try {
    // Never follows a redirect: the secret would go to wherever the provider (or a rebinding) points.
    const response = await undiciFetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      signal: AbortSignal.timeout(TEST_TIMEOUT_MS),
      redirect: "manual",
      dispatcher: outboundAgent(),
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      return {
        ok: false,
        latencyMs: latency(),
        status: response.status,
        error: "The provider answered with a redirect, which Latch does not follow. Check the base URL.",
      };
    }
    const text = await response.text();
    if (response.ok) return { ok: true, latencyMs: latency(), status: response.status };
    // mapError yields the provider's own message without its headers or our credential.
    return { ok: false, latencyMs: latency(), status: response.status, error: adapter.mapError(response.status, text).message };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    if (isForbiddenConnection(err))
      return {
        ok: false,
        latencyMs: latency(),
        status: null,
        error: "The provider's address is not allowed: loopback, link-local and metadata addresses are refused.",
      };
    return { ok: false, latencyMs: latency(), status: null, error: timedOut ? "The provider did not respond in time." : "The provider could not be reached." };
  }
}
