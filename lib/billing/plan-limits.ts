// Plan limits, enforced where the limited things are created: keys (mintKey), members (SSO
// provisioning, reactivation) and the paid features' verbs. With billing off every check passes.
// Nothing here removes what already exists: a downgraded org keeps its keys and members and
// can create no more until it is back within its plan.
import { db } from "@/lib/db";
import { PermissionError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { billingEnabled, cheapestPlanWith, FEATURE_NAMES, PLANS, type Feature, type Plan } from "@/lib/billing/plans";
import { countActiveKeys, countSeats, findBillingOrg, lockOrgRow } from "@/lib/billing/queries";
import { effectivePlan, toBillingState } from "@/lib/billing/state";

type Client = Prisma.TransactionClient | typeof db;

const UPGRADE_HINT = "An admin can upgrade under Admin → Billing.";

/** The plan whose limits apply to the org now; null when billing is off (no limits). */
export async function currentPlan(orgId: string, client: Client = db): Promise<Plan | null> {
  if (!billingEnabled()) return null;
  const org = await findBillingOrg(orgId, client);
  return PLANS[org ? effectivePlan(toBillingState(org)) : "free"];
}

/** For callers that only need to know, e.g. to hide a feature's button. */
export async function planAllows(orgId: string, feature: Feature): Promise<boolean> {
  const plan = await currentPlan(orgId);
  return !plan || plan.features.includes(feature);
}

export async function assertPlanAllows(orgId: string, feature: Feature): Promise<void> {
  const plan = await currentPlan(orgId);
  if (!plan || plan.features.includes(feature)) return;
  const needed = cheapestPlanWith(feature);
  throw new PermissionError(
    "plan_upgrade_required",
    `${FEATURE_NAMES[feature]} needs the ${needed.name} plan; this organisation is on ${plan.name}. ${UPGRADE_HINT}`,
    {
      plan: plan.id,
      required_plan: needed.id,
    },
  );
}

/** Inside the minting transaction, after locking the org row so concurrent mints count each other. */
export async function assertKeyCapacity(tx: Prisma.TransactionClient, orgId: string): Promise<void> {
  if (!billingEnabled()) return;
  await lockOrgRow(tx, orgId);
  const plan = (await currentPlan(orgId, tx))!;
  const limit = plan.limits.activeKeys;
  if (limit == null || (await countActiveKeys(orgId, tx)) < limit) return;
  throw new PermissionError(
    "plan_limit_reached",
    `The ${plan.name} plan allows up to ${limit} active keys. Revoke a key you no longer use, or upgrade. ${UPGRADE_HINT}`,
    {
      plan: plan.id,
      limit,
    },
  );
}

/**
 * Whether one more active member fits the plan. SSO provisioning asks before creating the
 * membership; two first sign-ins at the same instant may overshoot by one, which the next
 * seat sync bills.
 */
export async function memberCapacityAllows(orgId: string): Promise<boolean> {
  const plan = await currentPlan(orgId);
  const limit = plan?.limits.members;
  return limit == null || (await countSeats(orgId)) < limit;
}

export async function assertMemberCapacity(orgId: string): Promise<void> {
  if (await memberCapacityAllows(orgId)) return;
  const plan = (await currentPlan(orgId))!;
  throw new PermissionError(
    "plan_limit_reached",
    `The ${plan.name} plan allows up to ${plan.limits.members} active members. Deactivate someone first, or upgrade. ${UPGRADE_HINT}`,
    {
      plan: plan.id,
      limit: plan.limits.members,
    },
  );
}
