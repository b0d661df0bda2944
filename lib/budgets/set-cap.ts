import { db } from "@/lib/db";
import { requirePermission, type Action, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { writeSpendCap } from "@/lib/budgets/queries";
import { SetSpendCapInput, type CapTarget, type CapView } from "@/lib/budgets/schemas";

/** Whoever may manage the target may cap it: org settings, teams, or members. */
const PERMISSION: Record<CapTarget["scope"], Action> = { org: "org.write", team: "teams.write", user: "members.write", dimension: "org.write" };

/**
 * Sets (or, with a null limit, removes) the spend cap of the org, a team or a member. The
 * gateway's org snapshot is invalidated, so the next proxied request is checked against it.
 */
export async function setSpendCap({ actor, input }: { actor: Actor; input: SetSpendCapInput }): Promise<CapView> {
  const { target, cap } = SetSpendCapInput.parse(input);
  requirePermission(actor, PERMISSION[target.scope]);
  const after = await db.$transaction(async (tx) => {
    const change = await writeSpendCap(tx, actor.orgId, target, cap);
    const targetId =
      target.scope === "team"
        ? target.teamId
        : target.scope === "user"
          ? target.userId
          : target.scope === "dimension"
            ? `${target.name}=${target.value}`
            : actor.orgId;
    await recordAudit(tx, actor, {
      action: "budget.updated",
      targetType: target.scope,
      targetId,
      metadata: { scope: target.scope },
      before: { cap: change.before },
      after: { cap: change.after },
    });
    return change.after;
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
  return after;
}
