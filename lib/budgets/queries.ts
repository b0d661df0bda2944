// Reads and writes of the admin-managed spend caps: one `spend` Budget per org, team or member.
// Keys' own budgets are managed with the key (lib/keys) and are not touched here.
import { db } from "@/lib/db";
import { InvalidRequestError, NotFoundError } from "@/lib/errors";
import { compileDimensions, valueProblem } from "@/lib/attribution/compile";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CapTarget, CapView, SpendCap } from "@/lib/budgets/schemas";

type Tx = Prisma.TransactionClient;

type CapOwner = { scope: CapTarget["scope"]; teamId: string | null; membershipId: string | null; dimensionName: string | null; dimensionValue: string | null };
const NONE = { teamId: null, membershipId: null, dimensionName: null, dimensionValue: null } as const;

/** The Budget columns of a target, resolved within the org so another org's id finds nothing. */
export async function capOwner(tx: Tx, orgId: string, target: CapTarget): Promise<CapOwner> {
  if (target.scope === "org") return { ...NONE, scope: "org" };
  if (target.scope === "team") {
    const team = await tx.team.findFirst({ where: { id: target.teamId, orgId }, select: { id: true } });
    if (!team) throw new NotFoundError("team_not_found", "No such team.", "teamId");
    return { ...NONE, scope: "team", teamId: team.id };
  }
  if (target.scope === "dimension") {
    const dims = compileDimensions(await tx.attributionDimension.findMany({ where: { orgId, name: target.name } }));
    if (!dims.size) throw new NotFoundError("dimension_not_found", "No such attribution dimension.", "name");
    const problem = valueProblem(dims.get(target.name), target.value);
    if (problem) throw new InvalidRequestError(`The value ${problem}.`, "value", "invalid_dimension");
    return { ...NONE, scope: "dimension", dimensionName: target.name, dimensionValue: target.value };
  }
  const membership = await tx.membership.findFirst({ where: { orgId, userId: target.userId }, select: { id: true } });
  if (!membership) throw new NotFoundError("member_not_found", "No such member.", "userId");
  return { ...NONE, scope: "user", membershipId: membership.id };
}

/** Replaces the target's spend cap (or removes it); returns the previous one for the audit trail. */
export async function writeSpendCap(tx: Tx, orgId: string, target: CapTarget, cap: SpendCap): Promise<{ before: CapView; after: CapView }> {
  const owner = await capOwner(tx, orgId, target);
  const existing = await tx.budget.findMany({ where: { orgId, kind: "spend", ...owner }, orderBy: { createdAt: "asc" } });
  const [current, ...extra] = existing;
  const before: CapView = current ? { budgetId: current.id, limitUsd: Number(current.limit), period: current.period } : null;
  // Extra rows can only come from older data; one cap per target keeps "the cap" unambiguous.
  if (extra.length) await tx.budget.deleteMany({ where: { id: { in: extra.map((b) => b.id) } } });
  if (cap.limitUsd === null) {
    if (current) await tx.budget.delete({ where: { id: current.id } });
    return { before, after: null };
  }
  // Updating in place keeps the budget id, so the gateway's running total for this period carries over.
  const saved = current
    ? await tx.budget.update({ where: { id: current.id }, data: { limit: cap.limitUsd, period: cap.period } })
    : await tx.budget.create({ data: { orgId, ...owner, kind: "spend", period: cap.period, limit: cap.limitUsd } });
  return { before, after: { budgetId: saved.id, limitUsd: Number(saved.limit), period: saved.period } };
}

/** Every admin-managed cap in the org, by scope and target id (org cap under "org"). */
export async function loadSpendCaps(orgId: string) {
  const rows = await db.budget.findMany({
    where: { orgId, kind: "spend", scope: { in: ["org", "team", "user"] } },
    select: { id: true, scope: true, period: true, limit: true, teamId: true, membership: { select: { userId: true } } },
    orderBy: { createdAt: "asc" },
  });
  const caps = { org: null as CapView, team: new Map<string, CapView>(), user: new Map<string, CapView>() };
  for (const b of rows) {
    const view: CapView = { budgetId: b.id, limitUsd: Number(b.limit), period: b.period };
    if (b.scope === "org") caps.org ??= view;
    else if (b.scope === "team" && b.teamId && !caps.team.has(b.teamId)) caps.team.set(b.teamId, view);
    else if (b.scope === "user" && b.membership && !caps.user.has(b.membership.userId)) caps.user.set(b.membership.userId, view);
  }
  return caps;
}
