import { fetch as undiciFetch } from "undici";
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { getAdapter } from "@/lib/providers/registry";
import { decryptSecret } from "@/lib/security/secret-box";
import { NotFoundError } from "@/lib/errors";
import type { Credential } from "@/lib/providers/types";

const TEST_TIMEOUT_MS = 10_000;

export type ConnectionTest = { ok: boolean; latencyMs: number; status: number | null; error?: string };

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
    id: row.id, provider: row.provider, baseUrl: row.baseUrl,
    secret: row.encryptedSecret ? decryptSecret(row.encryptedSecret) : null,
    azureDeployment: row.azureDeployment, azureApiVersion: row.azureApiVersion,
    config: (row.config ?? {}) as Record<string, unknown>,
  };
  const request = adapter.invokeLocal ? null : (adapter.buildModelsRequest?.(credential) ?? null);
  if (!request) return { ok: true, latencyMs: 0, status: null };

  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const response = await undiciFetch(request.url, { method: request.method, headers: request.headers, signal: AbortSignal.timeout(TEST_TIMEOUT_MS) });
    const text = await response.text();
    if (response.ok) return { ok: true, latencyMs: latency(), status: response.status };
    // mapError yields the provider's own message without its headers or our credential.
    return { ok: false, latencyMs: latency(), status: response.status, error: adapter.mapError(response.status, text).message };
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { ok: false, latencyMs: latency(), status: null, error: timedOut ? "The provider did not respond in time." : "The provider could not be reached." };
  }
}
