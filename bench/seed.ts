// Seeds the benchmark database through the product's own verbs (as tests/helpers/org.ts does):
// an org, an admin, OpenAI-compatible credentials pointing at the fake upstreams, two routes and
// one virtual key with every policy check on. Prints `{"key": "..."}` on its last line.
// Run with the benchmark's env (DATABASE_URL, LATCH_ENCRYPTION_KEY) after scripts/prepare.ts.
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/security/secret-box";
import { createKey } from "@/lib/keys/create";
import type { Actor } from "@/lib/auth/permissions";

const instant = process.env.BENCH_UPSTREAM_URL;
const paced = process.env.BENCH_PACED_UPSTREAM_URL;
if (!instant || !paced) throw new Error("BENCH_UPSTREAM_URL and BENCH_PACED_UPSTREAM_URL are required");

const org = await db.organization.create({ data: { slug: `bench-${Date.now()}`, name: "Bench" } });
const admin = await db.user.create({
  data: { email: `bench-admin-${org.id}@example.test`, name: "bench", memberships: { create: { orgId: org.id, role: "admin" } } },
});
const credential = (name: string, url: string) =>
  db.providerCredential.create({
    data: { orgId: org.id, name, provider: "openai", baseUrl: `${url}/v1`, encryptedSecret: encryptSecret("sk-bench-upstream"), secretLast4: "ream" },
  });
const [fast, slow] = [await credential("Fake (instant)", instant), await credential("Fake (paced)", paced)];
await db.modelRoute.createMany({
  data: [
    { orgId: org.id, publicName: "gpt-4o-mini", credentialId: fast.id, upstreamModel: "gpt-4o-mini" },
    { orgId: org.id, publicName: "gpt-4o-mini-paced", credentialId: slow.id, upstreamModel: "gpt-4o-mini" },
  ],
});
const actor: Actor = { kind: "user", userId: admin.id, orgId: org.id, role: "admin" };
// Every check on, with limits far above what a run sends, so nothing is refused.
const key = await createKey({
  actor,
  input: {
    name: "bench key",
    ownerUserId: admin.id,
    allowedModels: ["openai/gpt-4o-mini"],
    allowedIps: ["127.0.0.1/32", "::1/128"],
    rpmLimit: 100_000_000,
    tpmLimit: 1_000_000_000,
    maxConcurrent: 100_000,
    maxRequestCostUsd: 1,
    budgets: [{ kind: "spend", period: "monthly", limit: 1_000_000 }],
  },
});
await db.$disconnect();
console.log(JSON.stringify({ key: key.secret, orgId: org.id }));
