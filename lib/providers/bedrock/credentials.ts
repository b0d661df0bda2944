// AWS credentials for one Bedrock provider credential: the stored keys, or temporary keys from
// assuming the stored role with them (cached until shortly before they expire).
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { isRecord, str, tryParseJson } from "../json";
import type { Credential } from "../types";

export type AwsKeys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
export type BedrockSecret = AwsKeys & { roleArn?: string; externalId?: string };

export const DEFAULT_REGION = "us-east-1";
/** Assumed-role keys are replaced this long before they expire, so no request is signed with keys about to lapse. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const ROLE_SESSION_SECONDS = 3600;

/** The stored secret is JSON `{accessKeyId, secretAccessKey, sessionToken?, roleArn?, externalId?}`. */
export function parseBedrockSecret(secret: string | null): BedrockSecret {
  const json = secret ? tryParseJson(secret) : undefined;
  const accessKeyId = isRecord(json) ? str(json.accessKeyId) : null;
  const secretAccessKey = isRecord(json) ? str(json.secretAccessKey) : null;
  if (!isRecord(json) || !accessKeyId || !secretAccessKey) {
    throw new Error("Bedrock credential secret must be JSON with accessKeyId and secretAccessKey");
  }
  const out: BedrockSecret = { accessKeyId, secretAccessKey };
  for (const field of ["sessionToken", "roleArn", "externalId"] as const) {
    const value = str(json[field]);
    if (value) out[field] = value;
  }
  return out;
}

export function bedrockRegion(credential: Credential): string {
  return str(credential.config.region)?.trim() || DEFAULT_REGION;
}

type Assumed = { keys: AwsKeys; expiresAt: number };
// Keyed by a digest of everything that shapes the session, so a rotated secret or a new role
// never reuses keys minted for the old one; in-flight promises are shared by concurrent requests.
const assumed = new LRUCache<string, Promise<Assumed>>({ max: 1_000 });

export async function resolveAwsKeys(credential: Credential): Promise<AwsKeys> {
  const secret = parseBedrockSecret(credential.secret);
  if (!secret.roleArn) return withoutRole(secret);
  const cacheKey = createHash("sha256")
    .update(`${credential.id}\0${credential.secret}\0${JSON.stringify(credential.config)}`)
    .digest("hex");
  const cached = assumed.get(cacheKey);
  // A failed assumption rejects here for everyone who was waiting on it; it is not retried in a loop.
  const entry = cached ? await cached : null;
  if (entry && entry.expiresAt - REFRESH_MARGIN_MS > Date.now()) return entry.keys;
  // Missing or about to expire: one refresh, shared by whoever arrives while it runs.
  const current = assumed.get(cacheKey);
  if (current && current !== cached) return (await current).keys;
  const pending = assumeRole(credential, secret);
  assumed.set(cacheKey, pending);
  // A failure must not stay cached: the next request tries again.
  pending.catch(() => assumed.get(cacheKey) === pending && assumed.delete(cacheKey));
  return (await pending).keys;
}

function withoutRole({ accessKeyId, secretAccessKey, sessionToken }: BedrockSecret): AwsKeys {
  return sessionToken ? { accessKeyId, secretAccessKey, sessionToken } : { accessKeyId, secretAccessKey };
}

async function assumeRole(credential: Credential, secret: BedrockSecret): Promise<Assumed> {
  // Loaded with the first role to assume: ~15 MB of RSS that gateways without one never need.
  const { AssumeRoleCommand, STSClient } = await import("@aws-sdk/client-sts");
  const stsEndpoint = str(credential.config.stsEndpoint)?.trim();
  const client = new STSClient({
    region: bedrockRegion(credential),
    credentials: withoutRole(secret),
    maxAttempts: 2,
    ...(stsEndpoint ? { endpoint: stsEndpoint } : {}),
  });
  try {
    const { Credentials: c } = await client.send(
      new AssumeRoleCommand({
        RoleArn: secret.roleArn,
        RoleSessionName: `latch-${credential.id}`.slice(0, 64),
        DurationSeconds: ROLE_SESSION_SECONDS,
        ...(secret.externalId ? { ExternalId: secret.externalId } : {}),
      }),
    );
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error("STS AssumeRole returned no credentials");
    const expiresAt = c.Expiration?.getTime() ?? Date.now() + ROLE_SESSION_SECONDS * 1000;
    return { keys: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken }, expiresAt };
  } finally {
    client.destroy();
  }
}
