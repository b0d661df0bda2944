import { actorUserId, can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { countActiveKeys, listOwnTeams, loadGuardrails } from "@/lib/guardrails/queries";
import type { Guardrails } from "@/lib/guardrails/schemas";

export type SelfServiceContext = {
  /** False for people who may write every key: guardrails do not apply to them. */
  bound: boolean;
  personal: Guardrails;
  teams: { id: string; name: string; guardrails: Guardrails }[];
  activeKeys: number;
};

/** What the create and edit forms need to prefill defaults and explain the limits as you type. */
export async function getSelfServiceContext({ actor }: { actor: Actor }): Promise<SelfServiceContext> {
  requirePermission(actor, "keys.write.own");
  const userId = actorUserId(actor);
  const [personal, teams, activeKeys] = await Promise.all([
    loadGuardrails(actor.orgId),
    userId ? listOwnTeams(actor.orgId, userId) : [],
    userId ? countActiveKeys(actor.orgId, userId) : 0,
  ]);
  return {
    bound: !can(actor, "keys.write.all"),
    personal,
    teams: await Promise.all(teams.map(async (t) => ({ ...t, guardrails: await loadGuardrails(actor.orgId, t.id) }))),
    activeKeys,
  };
}
