import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { writeSpendCap } from "@/lib/budgets/queries";
import { InvalidRequestError } from "@/lib/errors";
import { assertTeamNameFree, freeTeamSlug } from "@/lib/teams/queries";
import { CreateTeamInput, slugify } from "@/lib/teams/schemas";

/** A team, optionally with a spend cap and its first members, in one transaction. */
export async function createTeam({ actor, input }: { actor: Actor; input: CreateTeamInput }) {
  requirePermission(actor, "teams.write");
  const data = CreateTeamInput.parse(input);
  const team = await db.$transaction(async (tx) => {
    await assertTeamNameFree(tx, actor.orgId, data.name);
    if (data.slug && (await tx.team.findFirst({ where: { orgId: actor.orgId, slug: data.slug }, select: { id: true } })))
      throw new InvalidRequestError("A team with this slug already exists.", "slug", "already_exists", 409);
    const members = await tx.membership.findMany({ where: { orgId: actor.orgId, userId: { in: data.memberIds } }, select: { userId: true } });
    if (members.length !== new Set(data.memberIds).size) throw new InvalidRequestError("Every member must belong to this organisation.", "memberIds");
    const created = await tx.team.create({
      data: {
        orgId: actor.orgId,
        name: data.name,
        slug: data.slug ?? (await freeTeamSlug(tx, actor.orgId, slugify(data.name))),
        members: { create: members.map((m) => ({ userId: m.userId })) },
      },
      select: { id: true, name: true, slug: true },
    });
    const cap = data.cap ? await writeSpendCap(tx, actor.orgId, { scope: "team", teamId: created.id }, data.cap) : null;
    await recordAudit(tx, actor, {
      action: "team.created",
      targetType: "team",
      targetId: created.id,
      metadata: { name: created.name, members: members.length, cap: cap?.after ?? null },
    });
    return created;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return team;
}
