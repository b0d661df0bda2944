import { db } from "@/lib/db";
import { InvalidRequestError } from "@/lib/errors";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { encryptSecret, lastFour } from "@/lib/security/secret-box";
import { getCredentialOrThrow } from "@/lib/credentials/queries";
import { nameTaken } from "@/lib/credentials/create";
import { credentialRulesOf, rejectForeignSettings, settingsOf } from "@/lib/credentials/provider-rules";
import { CREDENTIAL_PUBLIC_FIELDS, readConfig, UpdateCredentialInput, type CredentialConfig, type CredentialRecord } from "@/lib/credentials/schemas";

/**
 * Renames, re-points or re-keys a credential, or disables it (the gateway then skips it).
 * New deployments re-point (or add) the routes of those model names.
 */
export async function updateCredential({ actor, input }: { actor: Actor; input: UpdateCredentialInput }): Promise<CredentialRecord> {
  requirePermission(actor, "providers.write");
  const { credentialId, apiKey, deployments, region, project, stsEndpoint, ...fields } = UpdateCredentialInput.parse(input);
  if (fields.baseUrl) await assertSafeOutboundUrl(fields.baseUrl, "baseUrl");
  const current = await getCredentialOrThrow(actor, credentialId);
  rejectForeignSettings(current.provider, { region, project, stsEndpoint });
  assertSecretResent(current, { baseUrl: fields.baseUrl, stsEndpoint }, apiKey);
  let secretLast4 = apiKey ? lastFour(apiKey) : undefined;
  let config: CredentialConfig | undefined = deployments ? { ...readConfig(current.config), deployments } : undefined;
  const rules = credentialRulesOf(current.provider);
  if (rules) {
    if (apiKey) secretLast4 = (await rules.checkSecret(apiKey)).last4;
    if (region !== undefined || project !== undefined || stsEndpoint !== undefined) {
      const { region: r, project: p, stsEndpoint: s, ...rest } = config ?? readConfig(current.config);
      const merged = { region: region ?? r, project: project ?? p, stsEndpoint: stsEndpoint === null ? undefined : (stsEndpoint ?? s) };
      config = { ...rest, ...(await rules.checkSettings(settingsOf(merged))) };
    }
  }
  const given = { ...fields, apiKey, deployments, region, project, stsEndpoint };
  const changed = Object.keys(given).filter((name) => given[name as keyof typeof given] !== undefined);

  const credential = await db.$transaction(async (tx) => {
    if (
      fields.name &&
      fields.name !== current.name &&
      (await tx.providerCredential.findFirst({ where: { orgId: actor.orgId, name: fields.name }, select: { id: true } }))
    )
      throw nameTaken();
    if (deployments) {
      for (const [publicName, upstreamModel] of Object.entries(deployments)) {
        await tx.modelRoute.upsert({
          where: { orgId_publicName_credentialId: { orgId: actor.orgId, publicName, credentialId: current.id } },
          create: { orgId: actor.orgId, publicName, credentialId: current.id, upstreamModel },
          update: { upstreamModel },
        });
      }
    }
    const updated = await tx.providerCredential.update({
      where: { id: current.id, orgId: actor.orgId },
      data: {
        ...fields,
        ...(apiKey ? { encryptedSecret: encryptSecret(apiKey), secretLast4 } : {}),
        ...(config ? { config } : {}),
      },
      select: CREDENTIAL_PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, { action: "provider.updated", targetType: "provider", targetId: current.id, metadata: { fields: changed } });
    return updated;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return credential;
}

type Destination = { baseUrl?: string | null; stsEndpoint?: string | null };

/**
 * A stored secret is only ever sent where it was sent when it was given: re-pointing a credential
 * at another host (base URL, STS endpoint) takes the secret again, so write access to providers
 * cannot redirect the real key to a host of the caller's choosing. A region only picks among the
 * provider's own hosts (its format is checked), and removing the STS endpoint returns to AWS's.
 */
function assertSecretResent(current: Pick<CredentialRecord, "baseUrl" | "config" | "secretLast4">, next: Destination, apiKey: string | undefined) {
  if (apiKey || !current.secretLast4) return;
  const stored = readConfig(current.config);
  const moved =
    (next.baseUrl !== undefined && next.baseUrl !== current.baseUrl) || (typeof next.stsEndpoint === "string" && next.stsEndpoint !== stored.stsEndpoint);
  if (moved) throw new InvalidRequestError("Changing where this credential is sent requires its secret again: include `api_key`.", "apiKey", "secret_required");
}
