// OAuth access tokens for a Vertex AI service-account key, minted with Google's own JWT client.
// One client per stored key: the client caches its token and refreshes it shortly before expiry
// (its eager-refresh threshold), and concurrent callers share one refresh.
import { createHash } from "node:crypto";
import type { JWT } from "google-auth-library";
import { LRUCache } from "lru-cache";
import { isRecord, str, tryParseJson } from "../json";
import type { Credential } from "../types";

export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";
const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

export type ServiceAccountKey = { clientEmail: string; privateKey: string; privateKeyId: string | null; projectId: string | null; tokenUri: string | null };

/** The stored secret is the service account's JSON key file, as downloaded from Google Cloud. */
export function parseServiceAccount(secret: string | null): ServiceAccountKey {
  const json = secret ? tryParseJson(secret) : undefined;
  const clientEmail = isRecord(json) ? str(json.client_email) : null;
  const privateKey = isRecord(json) ? str(json.private_key) : null;
  if (!isRecord(json) || !clientEmail || !privateKey) {
    throw new Error("Vertex AI credential secret must be a service account JSON key with client_email and private_key");
  }
  return { clientEmail, privateKey, privateKeyId: str(json.private_key_id), projectId: str(json.project_id), tokenUri: str(json.token_uri) };
}

async function createClient(key: ServiceAccountKey): Promise<JWT> {
  // Loaded with the first Vertex key: ~10 MB of RSS that gateways without Vertex never need.
  const { JWT } = await import("google-auth-library");
  const client = new JWT({
    email: key.clientEmail,
    key: key.privateKey,
    ...(key.privateKeyId ? { keyId: key.privateKeyId } : {}),
    scopes: [CLOUD_PLATFORM_SCOPE],
  });
  const tokenUri = key.tokenUri;
  // The library always posts to Google's token URL and ignores the key's `token_uri`; honour it
  // (private token endpoints, test fakes) by redirecting that one request on the client's transport.
  if (tokenUri && tokenUri !== GOOGLE_TOKEN_URL) {
    client.transporter.interceptors.request.add({
      resolved: async (options) => {
        if (String(options.url) === GOOGLE_TOKEN_URL) options.url = new URL(tokenUri);
        return options;
      },
    });
  }
  return client;
}

// Keyed by a digest of the key material, so a rotated key gets a fresh client (and token); the
// promise is cached so that concurrent first callers share one client.
const clients = new LRUCache<string, Promise<JWT>>({ max: 1_000 });

export async function vertexAccessToken(credential: Credential): Promise<string> {
  const cacheKey = createHash("sha256")
    .update(`${credential.id}\0${credential.secret ?? ""}`)
    .digest("hex");
  let client = clients.get(cacheKey);
  if (!client) {
    client = createClient(parseServiceAccount(credential.secret));
    clients.set(cacheKey, client);
  }
  const { token } = await (await client).getAccessToken();
  if (!token) throw new Error("Google returned no access token");
  return token;
}
