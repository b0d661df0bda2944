// An org with self-service guardrails and one person per role, for the key request verbs' tests.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor, Role } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { KeyValues } from "@/lib/guardrails/schemas";

export const GUARDRAILS = {
  defaultKeyPolicy: { models: ["echo"], spendCapUsd: 5, spendPeriod: "monthly", rpmLimit: 60, expiresInDays: 30 },
  maxKeyPolicy: { allowedModels: ["echo", "gpt-4o-mini*"], maxMonthlySpendUsd: 20, maxRpm: 600, maxLifetimeDays: 90, allowNoExpiry: false, maxActiveKeys: 10 },
  approvalRules: { onExceed: { tpmLimit: "forbidden" } },
};

/** The org's defaults, as the create form would submit them. */
export const DEFAULT_VALUES: KeyValues = { models: ["echo"], rpmLimit: 60, tpmLimit: null, spendCapUsd: 5, spendPeriod: "monthly", expiresInDays: 30 };

export async function createGuardedOrg() {
  const tag = randomUUID().slice(0, 8);
  const org = await db.organization.create({ data: { slug: `guarded-${tag}`, name: `Guarded ${tag}`, ...GUARDRAILS } });
  const member = async (role: Role, label: string) => {
    const user = await db.user.create({
      data: { email: `${label}-${tag}@example.test`, name: label, memberships: { create: { orgId: org.id, role } } },
    });
    const actor: Actor = { kind: "user", userId: user.id, orgId: org.id, role };
    return { user, actor };
  };
  return {
    org,
    admin: await member("admin", "admin"),
    approver: await member("approver", "approver"),
    secondApprover: await member("approver", "approver2"),
    developer: await member("developer", "dev"),
    async team(maxKeyPolicy: Prisma.InputJsonObject, memberIds: string[]) {
      return db.team.create({
        data: {
          orgId: org.id,
          slug: `team-${randomUUID().slice(0, 6)}`,
          name: "Platform",
          maxKeyPolicy,
          members: { create: memberIds.map((userId) => ({ userId })) },
        },
      });
    },
  };
}

export type GuardedOrg = Awaited<ReturnType<typeof createGuardedOrg>>;
