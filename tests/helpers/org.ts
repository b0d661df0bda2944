// Builds a realistic org for a test through the same verbs the product uses: members, provider
// credentials pointing at the fake provider, routes, and keys.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/security/secret-box";
import { createKey } from "@/lib/keys/create";
import type { Actor } from "@/lib/auth/permissions";
import type { CreateKeyInput } from "@/lib/keys/schemas";

export const OPENAI_SECRET = "sk-real-openai-provider-secret";
export const ANTHROPIC_SECRET = "sk-ant-real-provider-secret";

export type TestOrg = Awaited<ReturnType<typeof createTestOrg>>;

export async function createTestOrg(fakeProviderUrl: string) {
  const tag = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { slug: `org-${tag}`, name: `Org ${tag}` } });
  const [admin, developer] = await Promise.all(
    (["admin", "developer"] as const).map((role) =>
      db.user.create({
        data: { email: `${role}-${tag}@example.test`, name: role, memberships: { create: { orgId: org.id, role } } },
      }),
    ),
  );
  const openai = await db.providerCredential.create({
    data: {
      orgId: org.id,
      name: "OpenAI",
      provider: "openai",
      baseUrl: `${fakeProviderUrl}/v1`,
      encryptedSecret: encryptSecret(OPENAI_SECRET),
      secretLast4: "cret",
    },
  });
  const anthropic = await db.providerCredential.create({
    data: {
      orgId: org.id,
      name: "Anthropic",
      provider: "anthropic",
      baseUrl: fakeProviderUrl,
      encryptedSecret: encryptSecret(ANTHROPIC_SECRET),
      secretLast4: "cret",
    },
  });
  const mock = await db.providerCredential.create({ data: { orgId: org.id, name: "Echo", provider: "mock" } });
  await db.modelRoute.createMany({
    data: [
      { orgId: org.id, publicName: "gpt-4o-mini", credentialId: openai.id, upstreamModel: "gpt-4o-mini" },
      { orgId: org.id, publicName: "text-embedding-3-small", credentialId: openai.id, upstreamModel: "text-embedding-3-small" },
      { orgId: org.id, publicName: "claude-haiku", aliases: ["haiku"], credentialId: anthropic.id, upstreamModel: "claude-3-5-haiku-latest" },
      { orgId: org.id, publicName: "echo", credentialId: mock.id, upstreamModel: "echo" },
    ],
  });
  const adminActor: Actor = { kind: "user", userId: admin!.id, orgId: org.id, role: "admin" };
  const developerActor: Actor = { kind: "user", userId: developer!.id, orgId: org.id, role: "developer" };
  return {
    org,
    admin: admin!,
    developer: developer!,
    adminActor,
    developerActor,
    credentials: { openai, anthropic, mock },
    /** Mints a key owned by the developer (or as given) and returns its raw secret. */
    async key(input: Partial<CreateKeyInput> = {}) {
      const created = await createKey({ actor: adminActor, input: { name: "test key", ownerUserId: developer!.id, ...input } });
      return created;
    },
  };
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
