import { actorUserId, can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { evaluateAgainstGuardrails, evaluateChange } from "@/lib/guardrails/evaluate";
import { valuesFromKey } from "@/lib/guardrails/key-values";
import { countActiveKeys, loadGuardrails } from "@/lib/guardrails/queries";
import { KeyValues, type Exceeded, type Guardrails } from "@/lib/guardrails/schemas";
import { countOrgPending, listDecidedRows, listPendingRows, listRequestPage, listRequesterRows, type RequestRow } from "@/lib/key-requests/queries";
import { spendByUser } from "@/lib/usage/queries-for-keys";

const RECENT_SPEND_DAYS = 30;

export type PendingRequest = RequestRow & {
  asked: KeyValues;
  /** Judged against today's guardrails, which may have changed since the request was filed. */
  exceeded: Exceeded[];
  /** For an `update` request: the key's policy as it is now. */
  current: KeyValues | null;
  requesterSpend30d: number;
  ownRequest: boolean;
};

/** The approvers' queue, oldest first, with what each ask exceeds and the requester's recent spend. */
export async function listPendingRequests({ actor, now = Date.now() }: { actor: Actor; now?: number }): Promise<PendingRequest[]> {
  requirePermission(actor, "approvals.decide");
  const rows = await listPendingRows(actor.orgId);
  const guardrails = new Map<string, Promise<Guardrails>>();
  const guardrailsFor = (teamId: string | null) => {
    const id = teamId ?? "";
    if (!guardrails.has(id)) guardrails.set(id, loadGuardrails(actor.orgId, teamId));
    return guardrails.get(id)!;
  };
  const spend = await spendByUser(actor.orgId, [...new Set(rows.map((r) => r.requesterId))], new Date(now - RECENT_SPEND_DAYS * 86_400_000));

  return Promise.all(
    rows.map(async (row) => {
      const asked = KeyValues.parse(row.requestedPolicy);
      const rails = await guardrailsFor(row.teamId);
      const current = row.kind === "update" && row.targetKey ? valuesFromKey(row.targetKey, now) : null;
      const evaluation = current
        ? evaluateChange(asked, current, rails)
        : evaluateAgainstGuardrails({ ...asked, teamId: row.teamId }, rails, { activeKeys: await countActiveKeys(actor.orgId, row.requesterId) });
      return {
        ...row,
        asked,
        exceeded: evaluation.exceeded,
        current,
        requesterSpend30d: spend.get(row.requesterId) ?? 0,
        ownRequest: row.requesterId === actorUserId(actor),
      };
    }),
  );
}

export async function listRecentDecisions({ actor, take = 20 }: { actor: Actor; take?: number }) {
  requirePermission(actor, "approvals.decide");
  return listDecidedRows(actor.orgId, take);
}

/** Every request of the org (for the management API), newest first, one page at a time. */
export async function listKeyRequests({ actor, status, take, after }: { actor: Actor; status?: RequestRow["status"]; take: number; after?: string }) {
  requirePermission(actor, "approvals.decide");
  return listRequestPage(actor.orgId, { status, take, after });
}

/** The signed-in person's own requests, newest first; `secretWaiting` marks a key ready to reveal. */
export async function listMyRequests({ actor, take = 20 }: { actor: Actor; take?: number }) {
  requirePermission(actor, "keys.read.own");
  const userId = actorUserId(actor);
  if (!userId) return [];
  return listRequesterRows(actor.orgId, userId, take);
}

/** For the nav badge: how many requests wait for a decision (0 for people who cannot decide). */
export async function countWaitingRequests({ actor }: { actor: Actor }): Promise<number> {
  return can(actor, "approvals.decide") ? countOrgPending(actor.orgId) : 0;
}
