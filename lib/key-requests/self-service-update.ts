import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";
import { evaluateChange } from "@/lib/guardrails/evaluate";
import { toKeyUpdate, valuesFromKey } from "@/lib/guardrails/key-values";
import { loadGuardrails } from "@/lib/guardrails/queries";
import type { Exceeded } from "@/lib/guardrails/schemas";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { updateKey } from "@/lib/keys/update";
import { createKeyRequest } from "@/lib/key-requests/create";
import { refuseForbidden, requireJustification } from "@/lib/key-requests/outcome";
import { SelfServiceUpdateInput } from "@/lib/key-requests/schemas";
import { setKeyTools } from "@/lib/mcp/policy/key-tools";

export type SelfServiceUpdateResult = { kind: "updated" } | { kind: "requested"; requestId: string; exceeded: Exceeded[] };

/**
 * The portal's "edit key". Only what the edit loosens is checked against the guardrails; a
 * loosening beyond them becomes a request, while a rename applies at once either way.
 */
export async function selfServiceUpdateKey({ actor, input }: { actor: Actor; input: SelfServiceUpdateInput }): Promise<SelfServiceUpdateResult> {
  requirePermission(actor, "keys.write.own");
  const data = SelfServiceUpdateInput.parse(input);
  const key = await getKeyOrThrow(actor, data.keyId, "write");
  if (key.status === "revoked") throw new InvalidRequestError("A revoked key cannot be changed.", "keyId", "key_revoked");
  const rename = data.name && data.name !== key.name ? { name: data.name } : {};

  const apply = async () => {
    await updateKey({ actor, input: { keyId: key.id, ...rename, ...toKeyUpdate(key, data.values) } });
    if (data.values.tools !== undefined) await setKeyTools(actor, key.id, data.values.tools);
    return { kind: "updated" as const };
  };
  if (can(actor, "keys.write.all")) return apply();

  const evaluation = evaluateChange(data.values, valuesFromKey(key), await loadGuardrails(actor.orgId, key.teamId));
  refuseForbidden(evaluation);
  if (evaluation.withinLimits) return apply();

  const justification = requireJustification(data.justification);
  if (rename.name) await updateKey({ actor, input: { keyId: key.id, ...rename } });
  const request = await createKeyRequest({
    actor,
    input: { kind: "update", name: rename.name ?? key.name, teamId: key.teamId, targetKeyId: key.id, values: data.values, justification },
  });
  return { kind: "requested", requestId: request.id, exceeded: evaluation.exceeded };
}
