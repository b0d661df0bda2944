// Keys over the management API: wire input → lib/keys verbs → wire output. No rules live here.
import type { Actor } from "@/lib/auth/permissions";
import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toList } from "@/lib/api/serializers/common";
import { toCreateKeyInput, toKeyJson, toUpdateKeyInput } from "@/lib/api/serializers/keys";
import { createKey } from "@/lib/keys/create";
import { createChildKey } from "@/lib/keys/create-child";
import { toChildKeyJson, toCreateChildKeyInput } from "@/lib/api/serializers/child-keys";
import { getKeyWithUsage } from "@/lib/keys/get";
import { listKeys } from "@/lib/keys/list";
import { memberIdByEmail } from "@/lib/keys/owner";
import { getKeyOrThrow } from "@/lib/keys/queries";
import { revokeKey } from "@/lib/keys/revoke";
import { rotateKey } from "@/lib/keys/rotate";
import { updateKey } from "@/lib/keys/update";
import { toMcpPolicy } from "@/lib/mcp/api/policy-json";
import { setMcpPolicy } from "@/lib/mcp/policy/set-policy";

/** `mcp_policy` is set with the MCP policy verb, after the key's other fields (undefined: leave it). */
async function applyMcpPolicy(actor: Actor, keyId: string, policy: Parameters<typeof toMcpPolicy>[0] | null | undefined) {
  if (policy !== undefined) await setMcpPolicy({ actor, target: { kind: "key", keyId }, input: policy === null ? {} : toMcpPolicy(policy) });
}

const owner = (actor: Actor, email: string | null) => (email === null ? null : memberIdByEmail(actor, email, "owner_email"));

async function keyWithUsage(actor: Actor, keyId: string) {
  const { key, usage } = await getKeyWithUsage({ actor, keyId });
  return toKeyJson(key, usage);
}

export const keysApi = {
  list: managementRoute(ops.listKeys, async ({ actor, query }) => {
    const { status, owner_email: ownerEmail, team_id: teamId, kind, limit, after } = query;
    const rows = await listKeys({ actor, status, ownerEmail, teamId, kind, take: limit + 1, after });
    return toList(rows, limit, (key) => toKeyJson(key));
  }),

  create: managementRoute(ops.createKey, async ({ actor, body }) => {
    const created = await createKey({ actor, input: toCreateKeyInput(body, await owner(actor, body.owner_email ?? null)) });
    await applyMcpPolicy(actor, created.id, body.mcp_policy);
    return { ...toKeyJson(await getKeyOrThrow(actor, created.id, "read")), key: created.secret };
  }),

  get: managementRoute(ops.getKey, ({ actor, params }) => keyWithUsage(actor, params.id)),

  update: managementRoute(ops.updateKey, async ({ actor, params, body }) => {
    const current = await getKeyOrThrow(actor, params.id, "write");
    const ownerUserId = body.owner_email === undefined ? undefined : await owner(actor, body.owner_email);
    await updateKey({ actor, input: toUpdateKeyInput(params.id, body, current, ownerUserId) });
    await applyMcpPolicy(actor, params.id, body.mcp_policy);
    return keyWithUsage(actor, params.id);
  }),

  revoke: managementRoute(ops.revokeKey, async ({ actor, params }) => {
    await revokeKey({ actor, keyId: params.id });
    return toKeyJson(await getKeyOrThrow(actor, params.id, "read"));
  }),

  createChild: managementRoute(ops.createChildKey, async ({ actor, params, body }) =>
    toChildKeyJson(await createChildKey({ actor, parentKeyId: params.id, input: toCreateChildKeyInput(body) })),
  ),

  rotate: managementRoute(ops.rotateKey, async ({ actor, params, body }) => {
    const rotated = await rotateKey({ actor, input: { keyId: params.id, gracePeriodSeconds: body.grace_period_seconds } });
    return { ...toKeyJson(await getKeyOrThrow(actor, params.id, "read")), key: rotated.secret };
  }),
};
