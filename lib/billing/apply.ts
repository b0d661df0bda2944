// Writes billing state changes, each with its audit record in the same transaction.
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/permissions";
import type { Prisma } from "@/lib/generated/prisma/client";
import { billingEnabled } from "@/lib/billing/plans";
import { findBillingOrg, lockOrgRow } from "@/lib/billing/queries";
import { diffStates, nextBillingState, toBillingState, type SubscriptionFacts } from "@/lib/billing/state";

export type BillingChange = {
  orgId: string;
  /** undefined: the event names no subscription, so the state stays; null: Stripe no longer has it. */
  subscription: SubscriptionFacts | null | undefined;
  /** A customer first seen in a completed checkout, linked to the org. */
  customerId?: string | null;
  action: string;
  metadata: Record<string, unknown>;
};

/**
 * Re-reads the org under a row lock, so two events for one org apply one after the other and
 * the grace period's start is never lost to a race.
 */
export async function applyBillingChange(tx: Prisma.TransactionClient, change: BillingChange, now: Date): Promise<void> {
  await lockOrgRow(tx, change.orgId);
  const org = await findBillingOrg(change.orgId, tx);
  if (!org) return;
  const before = toBillingState(org);
  const after = change.subscription === undefined ? before : nextBillingState(before, change.subscription, now, env.LATCH_BILLING_GRACE_DAYS);
  const linkCustomer = change.customerId && !org.stripeCustomerId ? { stripeCustomerId: change.customerId } : {};
  const diff = diffStates(before, after);
  if (diff || "stripeCustomerId" in linkCustomer) await tx.organization.update({ where: { id: org.id }, data: { ...after, ...linkCustomer } });
  const system: Actor = { kind: "system", orgId: org.id };
  await recordAudit(tx, system, { action: change.action, targetType: "organization", targetId: org.id, metadata: change.metadata, ...(diff ?? {}) });
}

/**
 * The persisted, audited form of a grace period running out. The limits already apply Free from
 * graceUntil on (lib/billing/state.ts effectivePlan); this makes the plan column and the audit
 * log say so. Safe to run on several instances at once: each org is downgraded by one of them.
 */
export async function expireGracePeriods(now: Date = new Date()): Promise<number> {
  if (!billingEnabled()) return 0;
  const due = await db.organization.findMany({
    where: { billingStatus: "past_due", graceUntil: { lte: now }, plan: { not: "free" } },
    select: { id: true, plan: true, graceUntil: true },
  });
  let downgraded = 0;
  for (const org of due) {
    const done = await db.$transaction(async (tx) => {
      const { count } = await tx.organization.updateMany({
        where: { id: org.id, billingStatus: "past_due", graceUntil: { lte: now }, plan: org.plan },
        data: { plan: "free" },
      });
      if (count) {
        await recordAudit(
          tx,
          { kind: "system", orgId: org.id },
          {
            action: "billing.downgraded",
            targetType: "organization",
            targetId: org.id,
            before: { plan: org.plan },
            after: { plan: "free" },
            metadata: { reason: "grace_expired", graceUntil: org.graceUntil },
          },
        );
      }
      return count > 0;
    });
    if (done) downgraded++;
  }
  return downgraded;
}
