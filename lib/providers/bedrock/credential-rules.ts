// What a Bedrock credential must hold to authorize a request: AWS keys as JSON (optionally a role
// to assume), a region, and an STS endpoint only if given. Checked on create and update alike.
import { InvalidRequestError } from "@/lib/errors";
import { lastFour } from "@/lib/security/secret-box";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import type { CredentialRules } from "../types";
import { parseBedrockSecret } from "./credentials";

export const bedrockCredentialRules: CredentialRules = {
  settings: ["region", "stsEndpoint"],
  async checkSecret(secret) {
    let keys;
    try {
      keys = parseBedrockSecret(secret);
    } catch {
      throw new InvalidRequestError(
        'The secret must be the AWS credentials as JSON: {"accessKeyId": …, "secretAccessKey": …} (sessionToken, roleArn, externalId optional).',
        "apiKey",
      );
    }
    // The access key id's last four, never the JSON's closing brace.
    return { last4: lastFour(keys.accessKeyId), defaults: {} };
  },
  async checkSettings({ region, stsEndpoint }) {
    if (!region) throw new InvalidRequestError("Amazon Bedrock needs a region.", "region", "region_required");
    if (stsEndpoint) await assertSafeOutboundUrl(stsEndpoint, "stsEndpoint");
    return { region, ...(stsEndpoint ? { stsEndpoint } : {}) };
  },
};
