import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { getAdapter, hasSelfHostedFlavor } from "@/lib/providers/registry";
import { encryptSecret, lastFour } from "@/lib/security/secret-box";
import { InvalidRequestError } from "@/lib/errors";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import { rejectForeignSettings, settingsOf } from "@/lib/credentials/provider-rules";
import { CREDENTIAL_PUBLIC_FIELDS, CreateCredentialInput, type CredentialConfig, type CredentialRecord } from "@/lib/credentials/schemas";

export const nameTaken = () => new InvalidRequestError("A provider with this name already exists.", "name", "already_exists", 409);

/** Stores a provider credential (secret encrypted at rest) and, optionally, routes for its models. */
export async function createCredential({ actor, input }: { actor: Actor; input: CreateCredentialInput }): Promise<CredentialRecord> {
  requirePermission(actor, "providers.write");
  const data = CreateCredentialInput.parse(input);
  const adapter = getAdapter(data.provider)!;
  const compatible = data.compatible && hasSelfHostedFlavor(data.provider);
  // Self-hosted OpenAI-compatible servers often run without a key; hosted providers never do.
  if (adapter.needsSecret && !data.apiKey && !compatible) throw new InvalidRequestError("This provider needs an API key.", "apiKey", "secret_required");
  // A provider served in process (the built-in mock) is reached at no URL at all.
  if (!data.baseUrl && (adapter.defaultBaseUrl === null || compatible) && !adapter.invokeLocal)
    throw new InvalidRequestError("This provider needs a base URL.", "baseUrl", "base_url_required");
  if (data.baseUrl) await assertSafeOutboundUrl(data.baseUrl, "baseUrl");
  rejectForeignSettings(data.provider, data);
  let secretLast4 = data.apiKey ? lastFour(data.apiKey) : null;
  let settings: CredentialConfig = {};
  const rules = adapter.credentialRules;
  if (rules && data.apiKey) {
    const secret = await rules.checkSecret(data.apiKey);
    secretLast4 = secret.last4;
    settings = await rules.checkSettings({ ...secret.defaults, ...settingsOf(data) });
  }

  const config: CredentialConfig = {
    ...(compatible ? { compatible } : {}),
    ...(Object.keys(data.deployments).length ? { deployments: data.deployments } : {}),
    ...settings,
  };
  const models = [...new Set([...data.models, ...Object.keys(data.deployments)])];
  const credential = await db.$transaction(async (tx) => {
    if (await tx.providerCredential.findFirst({ where: { orgId: actor.orgId, name: data.name }, select: { id: true } })) throw nameTaken();
    const created = await tx.providerCredential.create({
      data: {
        orgId: actor.orgId,
        name: data.name,
        provider: data.provider,
        baseUrl: data.baseUrl,
        encryptedSecret: data.apiKey ? encryptSecret(data.apiKey) : null,
        secretLast4,
        azureApiVersion: data.azureApiVersion,
        config,
        routes: { create: models.map((m) => ({ orgId: actor.orgId, publicName: m, upstreamModel: data.deployments[m] ?? m })) },
      },
      select: CREDENTIAL_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, {
      action: "provider.created",
      targetType: "provider",
      targetId: created.id,
      metadata: { name: created.name, provider: created.provider, models },
    });
    return created;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return credential;
}
