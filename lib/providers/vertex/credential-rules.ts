// What a Vertex AI credential must hold to authorize a request: a service account's JSON key file
// (its token URI passing the outbound check), a region and a Google Cloud project.
import { InvalidRequestError } from "@/lib/errors";
import { lastFour } from "@/lib/security/secret-box";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import type { CredentialRules } from "../types";
import { parseServiceAccount } from "./token";

export const vertexCredentialRules: CredentialRules = {
  settings: ["region", "project"],
  async checkSecret(secret) {
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
    return { last4: lastFour(key.clientEmail.split("@")[0] || key.clientEmail), defaults: key.projectId ? { project: key.projectId } : {} };
  },
  async checkSettings({ region, project }) {
    if (!region) throw new InvalidRequestError("Vertex AI needs a region.", "region", "region_required");
    if (!project) throw new InvalidRequestError("Vertex AI needs a Google Cloud project.", "project");
    return { region, project };
  },
};
