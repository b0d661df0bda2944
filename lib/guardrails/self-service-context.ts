import { actorUserId, can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { countActiveKeys, listOwnTeams, loadGuardrails } from "@/lib/guardrails/queries";
import type { Guardrails } from "@/lib/guardrails/schemas";
import { db } from "@/lib/db";
import { listDimensionRows } from "@/lib/attribution/queries";

export type SelfServiceContext = {
  /** False for people who may write every key: guardrails do not apply to them. */
  bound: boolean;
  personal: Guardrails;
  teams: { id: string; name: string; guardrails: Guardrails }[];
  activeKeys: number;
  /** The org's attribution dimensions, for the form's pickers; required ones must be chosen. */
  dimensions: { name: string; label: string; values: string[]; required: boolean; defaultValue: string | null }[];
};

/** What the create and edit forms need to prefill defaults and explain the limits as you type. */
export async function getSelfServiceContext({ actor }: { actor: Actor }): Promise<SelfServiceContext> {
  requirePermission(actor, "keys.write.own");
  const userId = actorUserId(actor);
  const [personal, teams, activeKeys, dimensions] = await Promise.all([
    loadGuardrails(actor.orgId),
    userId ? listOwnTeams(actor.orgId, userId) : [],
    userId ? countActiveKeys(actor.orgId, userId) : 0,
    listDimensionRows(db, actor.orgId),
  ]);
  return {
    bound: !can(actor, "keys.write.all"),
    personal,
    teams: await Promise.all(teams.map(async (t) => ({ ...t, guardrails: await loadGuardrails(actor.orgId, t.id) }))),
    activeKeys,
    dimensions: dimensions.map(({ name, label, values, required, defaultValue }) => ({ name, label, values, required, defaultValue })),
  };
}
