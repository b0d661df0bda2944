import { actorUserId, can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { PermissionError } from "@/lib/errors";
import { evaluateAgainstGuardrails } from "@/lib/guardrails/evaluate";
import { toKeyPolicy } from "@/lib/guardrails/key-values";
import { countActiveKeys, isTeamMember, loadGuardrails } from "@/lib/guardrails/queries";
import { createKey, type CreatedKey } from "@/lib/keys/create";
import { createKeyRequest } from "@/lib/key-requests/create";
import { requireJustification, refuseForbidden } from "@/lib/key-requests/outcome";
import { SelfServiceCreateInput } from "@/lib/key-requests/schemas";
import { checkKeyAttributionNow } from "@/lib/attribution/key-values";
import { setKeyTools } from "@/lib/mcp/policy/key-tools";
import type { Exceeded, Guardrails, KeyValues } from "@/lib/guardrails/schemas";

/** An ask silent on MCP tools gets the guardrails' tools: their default, else the most allowed. */
function withTools(values: KeyValues, guardrails: Guardrails): KeyValues {
  if (values.tools !== undefined) return values;
  const tools = guardrails.defaults.tools ?? (guardrails.limits.allowedTools.length ? guardrails.limits.allowedTools : undefined);
  return tools === undefined ? values : { ...values, tools };
}

export type SelfServiceCreateResult = { kind: "granted"; key: CreatedKey } | { kind: "requested"; requestId: string; exceeded: Exceeded[] };

/**
 * The portal's "create key": within the guardrails the key is minted at once; beyond them the
 * same ask becomes a request for an approver. People who may write every key (admins) set the
 * guardrails and are not bound by them.
 */
export async function selfServiceCreateKey({ actor, input }: { actor: Actor; input: SelfServiceCreateInput }): Promise<SelfServiceCreateResult> {
  requirePermission(actor, "keys.write.own");
  const data = SelfServiceCreateInput.parse(input);
  const userId = actorUserId(actor);
  if (!userId) throw new PermissionError("user_required", "Self-service keys belong to a signed-in person.");
  if (data.teamId && !(await isTeamMember(actor.orgId, data.teamId, userId)))
    throw new PermissionError("not_team_member", "You can only create keys for teams you belong to.");

  const mint = async (values: KeyValues) => {
    const key = await createKey({
      actor,
      input: { name: data.name, teamId: data.teamId, kind: data.kind, dimensions: data.dimensions, ...toKeyPolicy(values) },
    });
    // Before the secret is handed out, so the key never works with more tools than granted.
    if (values.tools?.length) await setKeyTools(actor, key.id, values.tools);
    return { kind: "granted" as const, key };
  };
  if (can(actor, "keys.write.all")) return mint(data.values);

  const [guardrails, activeKeys] = await Promise.all([loadGuardrails(actor.orgId, data.teamId), countActiveKeys(actor.orgId, userId)]);
  const values = withTools(data.values, guardrails);
  // The active-key count is read before the insert, so two simultaneous creates can pass one over
  // the limit; that is a soft quota, not a security boundary.
  const evaluation = evaluateAgainstGuardrails({ ...values, teamId: data.teamId }, guardrails, { activeKeys });
  refuseForbidden(evaluation);
  if (evaluation.withinLimits) return mint(values);

  // Checked now, so an approver is never handed a request that could not be minted.
  await checkKeyAttributionNow(actor.orgId, { dimensions: data.dimensions, requestTags: [], teamId: data.teamId });
  const request = await createKeyRequest({
    actor,
    input: {
      kind: "create",
      name: data.name,
      teamId: data.teamId,
      values,
      justification: requireJustification(data.justification),
      attribution: { kind: data.kind, dimensions: data.dimensions },
    },
  });
  return { kind: "requested", requestId: request.id, exceeded: evaluation.exceeded };
}
