// First-run data: a demo organisation with a dev admin and a developer, and the built-in mock
// provider routed as `echo`, so a new install can mint a key and make a real proxied call at
// once. Prices need no seeding: the shipped catalog is code (lib/usage/price-catalog.ts).
import { db } from "@/lib/db";

export const DEMO_ORG_SLUG = "demo";
export const DEMO_ADMIN_EMAIL = "admin@demo.latch.local";
export const DEMO_DEVELOPER_EMAIL = "dev@demo.latch.local";

/**
 * Self-service guardrails (lib/guardrails/schemas.ts), so a new install shows both paths: the
 * defaults are granted at once, any other model or a bigger cap goes to an approver.
 */
export const DEMO_GUARDRAILS = {
  defaultKeyPolicy: { models: ["echo"], rpmLimit: 60, spendCapUsd: 5, spendPeriod: "monthly", expiresInDays: 90 },
  maxKeyPolicy: { allowedModels: ["echo", "latch-echo"], maxMonthlySpendUsd: 20, maxRpm: 600, maxLifetimeDays: 365, allowNoExpiry: false, maxActiveKeys: 10 },
};

/** Idempotent: does nothing when the demo org exists. Returns the org id when it created it. */
export async function seedDemoOrg(): Promise<string | null> {
  if (await db.organization.findUnique({ where: { slug: DEMO_ORG_SLUG }, select: { id: true } })) return null;
  return db.$transaction(async (tx) => {
    const org = await tx.organization.create({
      data: { slug: DEMO_ORG_SLUG, name: "Demo Org", emailDomains: ["demo.latch.local"], ...DEMO_GUARDRAILS },
    });
    for (const [email, name, role] of [
      [DEMO_ADMIN_EMAIL, "Dana Admin", "admin"],
      [DEMO_DEVELOPER_EMAIL, "Devon Developer", "developer"],
    ] as const) {
      const user = await tx.user.upsert({ where: { email }, update: {}, create: { email, name } });
      await tx.membership.create({ data: { orgId: org.id, userId: user.id, role } });
    }
    const credential = await tx.providerCredential.create({
      data: { orgId: org.id, name: "Built-in echo", provider: "mock" },
    });
    await tx.modelRoute.create({
      data: { orgId: org.id, publicName: "echo", aliases: ["latch-echo"], credentialId: credential.id, upstreamModel: "echo" },
    });
    return org.id;
  });
}
