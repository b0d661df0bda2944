// Persistence for billing: an org's billing columns and the counts that plans limit and bill.
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = Prisma.TransactionClient | typeof db;

export const BILLING_ORG_SELECT = {
  id: true,
  name: true,
  plan: true,
  billingStatus: true,
  graceUntil: true,
  stripeCustomerId: true,
  stripeSubscriptionId: true,
  meterReportedThrough: true,
} as const;

export type BillingOrg = Prisma.OrganizationGetPayload<{ select: typeof BILLING_ORG_SELECT }>;

export async function getBillingOrgOrThrow(orgId: string, client: Client = db): Promise<BillingOrg> {
  const org = await client.organization.findUnique({ where: { id: orgId }, select: BILLING_ORG_SELECT });
  if (!org) throw new NotFoundError("org_not_found", "The organisation does not exist.");
  return org;
}

export const findBillingOrgByCustomer = (customerId: string, client: Client = db) =>
  client.organization.findUnique({ where: { stripeCustomerId: customerId }, select: BILLING_ORG_SELECT });

export const findBillingOrg = (orgId: string, client: Client = db) => client.organization.findUnique({ where: { id: orgId }, select: BILLING_ORG_SELECT });

/** Seats are active members whose user is active too: the same people who can sign in. */
export const countSeats = (orgId: string, client: Client = db) => client.membership.count({ where: { orgId, active: true, user: { active: true } } });

/** Keys that authenticate today: active and not past their expiry. */
export const countActiveKeys = (orgId: string, client: Client = db) =>
  client.virtualKey.count({ where: { orgId, status: "active", OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] } });

/** The first admin's email, given to Stripe so invoices reach someone. */
export async function billingContactEmail(orgId: string): Promise<string | null> {
  const admin = await db.membership.findFirst({
    where: { orgId, active: true, role: "admin", user: { active: true } },
    orderBy: { createdAt: "asc" },
    select: { user: { select: { email: true } } },
  });
  return admin?.user.email ?? null;
}

/**
 * Serialises plan-limited inserts for one org inside the caller's transaction, so two concurrent
 * key creations cannot both see "9 of 10" and both insert.
 */
export async function lockOrgRow(tx: Prisma.TransactionClient, orgId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE id = ${orgId} FOR UPDATE`;
}
