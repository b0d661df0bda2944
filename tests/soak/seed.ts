// Seeds the soak database through the product's own verbs (as tests/helpers/org.ts does): an org
// with an admin, two developers and a team, OpenAI and Anthropic credentials pointing at the fake
// provider, routes, spend caps on the org, the team and a member, and four keys with real policy
// (models, IPs, RPM, TPM, concurrency, per-request cost cap, spend and token budgets), every limit
// far above what a soak sends. Run with the soak's env after scripts/prepare.ts; prints
// `{"orgId": "...", "keys": ["sk-latch-...", ...]}` on its last line.
import { db } from "@/lib/db";
import { encryptSecret } from "@/lib/security/secret-box";
import { createKey } from "@/lib/keys/create";
import { createTeam } from "@/lib/teams/create";
import { setSpendCap } from "@/lib/budgets/set-cap";
import type { Actor } from "@/lib/auth/permissions";

const upstream = process.env.SOAK_UPSTREAM_URL;
if (!upstream) throw new Error("SOAK_UPSTREAM_URL is required");

const org = await db.organization.create({ data: { slug: `soak-${Date.now()}`, name: "Soak" } });
const member = (email: string, role: "admin" | "developer") =>
  db.user.create({ data: { email: `${email}-${org.id}@example.test`, name: email, memberships: { create: { orgId: org.id, role } } } });
const admin = await member("soak-admin", "admin");
const [dev1, dev2] = [await member("soak-dev-1", "developer"), await member("soak-dev-2", "developer")];
const actor: Actor = { kind: "user", userId: admin.id, orgId: org.id, role: "admin" };

const credential = (name: string, provider: "openai" | "anthropic", baseUrl: string) =>
  db.providerCredential.create({
    data: { orgId: org.id, name, provider, baseUrl, encryptedSecret: encryptSecret(`sk-soak-${provider}-upstream`), secretLast4: "ream" },
  });
const openai = await credential("OpenAI (fake)", "openai", `${upstream}/v1`);
const anthropic = await credential("Anthropic (fake)", "anthropic", upstream);
await db.modelRoute.createMany({
  data: [
    { orgId: org.id, publicName: "gpt-4o-mini", credentialId: openai.id, upstreamModel: "gpt-4o-mini" },
    { orgId: org.id, publicName: "text-embedding-3-small", credentialId: openai.id, upstreamModel: "text-embedding-3-small" },
    { orgId: org.id, publicName: "claude-haiku", aliases: ["haiku"], credentialId: anthropic.id, upstreamModel: "claude-3-5-haiku-latest" },
  ],
});

// Caps above the keys': every request reserves against key, user, team and org budgets at once.
await setSpendCap({ actor, input: { target: { scope: "org" }, cap: { limitUsd: 100_000, period: "monthly" } } });
await setSpendCap({ actor, input: { target: { scope: "user", userId: dev1.id }, cap: { limitUsd: 10_000, period: "daily" } } });
const team = await createTeam({ actor, input: { name: "Soak team", memberIds: [dev2.id], cap: { limitUsd: 10_000, period: "weekly" } } });

const policy = {
  allowedIps: ["127.0.0.1/32", "::1/128"],
  rpmLimit: 100_000,
  tpmLimit: 100_000_000,
  maxConcurrent: 1_000,
  maxRequestCostUsd: 1,
};
const keys = [
  await createKey({
    actor,
    input: { name: "soak openai", ownerUserId: dev1.id, ...policy, allowedModels: ["openai/*"], budgets: [{ kind: "spend", period: "monthly", limit: 1_000 }] },
  }),
  await createKey({
    actor,
    input: { name: "soak team", ownerUserId: null, teamId: team.id, ...policy, budgets: [{ kind: "tokens", period: "daily", limit: 1_000_000_000 }] },
  }),
  await createKey({
    actor,
    input: {
      name: "soak mixed",
      ownerUserId: dev2.id,
      ...policy,
      deniedModels: ["gpt-4o"],
      budgets: [
        { kind: "spend", period: "weekly", limit: 1_000 },
        { kind: "tokens", period: "monthly", limit: 1_000_000_000 },
      ],
    },
  }),
  await createKey({ actor, input: { name: "soak lifetime", ownerUserId: dev1.id, ...policy, budgets: [{ kind: "spend", period: "lifetime", limit: 1_000 }] } }),
];
await db.$disconnect();
console.log(JSON.stringify({ orgId: org.id, keys: keys.map((k) => k.secret) }));
// The Redis client (cache invalidations published above) would keep the process alive.
process.exit(0);
