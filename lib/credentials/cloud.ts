// Bedrock and Vertex AI credentials: the secret is a JSON document (AWS keys, a service-account
// key file) and the region / project / STS endpoint live in `config`. Checked here, on create and
// update alike, so a credential that could never authorize a request is refused with a 400.
import { InvalidRequestError } from "@/lib/errors";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import { lastFour } from "@/lib/security/secret-box";
import { parseBedrockSecret } from "@/lib/providers/bedrock/credentials";
import { parseServiceAccount } from "@/lib/providers/vertex/token";
import type { CredentialConfig } from "@/lib/credentials/schemas";

export type CloudFields = { region?: string | null; project?: string | null; stsEndpoint?: string | null };
type CloudConfig = Pick<CredentialConfig, "region" | "project" | "stsEndpoint">;

const FIELD_PROVIDERS = { region: ["bedrock", "vertex"], project: ["vertex"], stsEndpoint: ["bedrock"] } as const;

/** A field given for a provider that has no use for it is a mistake worth a 400, not silence. */
export function rejectForeignFields(provider: string, fields: CloudFields): void {
  for (const [field, providers] of Object.entries(FIELD_PROVIDERS)) {
    const value = fields[field as keyof CloudFields];
    if (value != null && !(providers as readonly string[]).includes(provider))
      throw new InvalidRequestError(`\`${field}\` applies only to ${providers.join(" and ")} providers.`, field);
  }
}

/**
 * Validates a Bedrock/Vertex secret: returns what to show of it (the access key id's or the
 * service account's last four characters, never the JSON's closing brace) and, for Vertex, the key
 * file's project. Messages never quote the secret.
 */
export async function checkCloudSecret(provider: string, secret: string): Promise<{ last4: string; projectId: string | null }> {
  if (provider === "bedrock") {
    let keys;
    try {
      keys = parseBedrockSecret(secret);
    } catch {
      throw new InvalidRequestError(
        'The secret must be the AWS credentials as JSON: {"accessKeyId": …, "secretAccessKey": …} (sessionToken, roleArn, externalId optional).',
        "apiKey",
      );
    }
    return { last4: lastFour(keys.accessKeyId), projectId: null };
  }
  let key;
  try {
    key = parseServiceAccount(secret);
  } catch {
    throw new InvalidRequestError("The secret must be the service account's JSON key file, with client_email and private_key.", "apiKey");
  }
  if (key.tokenUri) {
    try {
      await assertSafeOutboundUrl(key.tokenUri, "apiKey");
    } catch (err) {
      throw err instanceof InvalidRequestError ? new InvalidRequestError(`The key file's token_uri is refused: ${err.message}`, "apiKey", err.code) : err;
    }
  }
  // The account name, not ".com": client_email is <name>@<project>.iam.gserviceaccount.com.
  return { last4: lastFour(key.clientEmail.split("@")[0] || key.clientEmail), projectId: key.projectId };
}

/** The config a Bedrock/Vertex credential ends up with, checked for what its provider requires. */
export async function checkCloudConfig(provider: string, config: CloudConfig): Promise<CloudConfig> {
  if (!config.region) throw new InvalidRequestError(`${provider === "bedrock" ? "Amazon Bedrock" : "Vertex AI"} needs a region.`, "region", "region_required");
  if (provider === "vertex" && !config.project) throw new InvalidRequestError("Vertex AI needs a Google Cloud project.", "project");
  if (config.stsEndpoint) await assertSafeOutboundUrl(config.stsEndpoint, "stsEndpoint");
  const out: CloudConfig = { region: config.region };
  if (config.project) out.project = config.project;
  if (config.stsEndpoint) out.stsEndpoint = config.stsEndpoint;
  return out;
}

export const isCloudProvider = (provider: string) => provider === "bedrock" || provider === "vertex";
