// A test org whose Bedrock and Vertex AI credentials point at the loopback fakes, stored the way
// the product stores them: the secret encrypted, region and project in config.
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/security/secret-box";
import { FAKE_AWS_KEYS, FAKE_ROLE_ARN, type FakeBedrock } from "@/e2e/fixtures/fake-bedrock";
import type { FakeVertex } from "@/e2e/fixtures/fake-vertex";
import { createTestOrg } from "./org";

export const CLOUD_MODELS = {
  bedrockHaiku: "anthropic.claude-3-5-haiku-20241022-v1:0",
  bedrockLlama: "meta.llama3-1-70b-instruct-v1:0",
  bedrockSonnet: "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
  vertexFlash: "gemini-2.5-flash",
  vertexSonnet: "claude-sonnet-4-5@20250929",
} as const;

export async function createCloudOrg(bedrock: FakeBedrock, vertex: FakeVertex) {
  // The org's OpenAI/Anthropic credentials are unused here: point them at a closed port.
  const t = await createTestOrg("http://127.0.0.1:9");
  const credential = (name: string, provider: string, baseUrl: string, secret: string, config: Record<string, string>) =>
    db.providerCredential.create({
      data: { orgId: t.org.id, name, provider, baseUrl, encryptedSecret: encryptSecret(secret), secretLast4: secret.slice(-4), config },
    });
  const keys = await credential("Bedrock", "bedrock", bedrock.url, JSON.stringify(FAKE_AWS_KEYS), { region: bedrock.region });
  const role = await credential("Bedrock role", "bedrock", bedrock.url, JSON.stringify({ ...FAKE_AWS_KEYS, roleArn: FAKE_ROLE_ARN }), {
    region: bedrock.region,
    stsEndpoint: bedrock.url,
  });
  // No project in config: it comes from the key file's project_id.
  const sa = await credential("Vertex", "vertex", vertex.url, vertex.serviceAccountKey(), { region: vertex.region });
  const route = (publicName: string, credentialId: string, upstreamModel: string) => ({ orgId: t.org.id, publicName, credentialId, upstreamModel });
  await db.modelRoute.createMany({
    data: [
      route("bedrock-haiku", keys.id, CLOUD_MODELS.bedrockHaiku),
      route("bedrock-llama", keys.id, CLOUD_MODELS.bedrockLlama),
      route("bedrock-sonnet", role.id, CLOUD_MODELS.bedrockSonnet),
      route("vertex-flash", sa.id, CLOUD_MODELS.vertexFlash),
      route("vertex-sonnet", sa.id, CLOUD_MODELS.vertexSonnet),
    ],
  });
  return t;
}
