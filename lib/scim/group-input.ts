// SCIM Group payloads (POST, PUT, PATCH) → a team's name, externalId and member set. Members
// are SCIM User ids, which are Latch user ids.
import { z } from "zod";
import { toOptionalString, type PatchOp } from "@/lib/scim/patch";
import { invalidPath, invalidValue } from "@/lib/scim/errors";
import type { Comparison } from "@/lib/scim/filter";

export type GroupState = { displayName: string; externalId: string | null; members: Set<string> };

const MAX_MEMBERS = 5000;
const Member = z.looseObject({ value: z.string().min(1).max(100) });

export const GroupBody = z.looseObject({
  displayName: z.string().trim().min(1).max(100),
  externalId: z.string().max(256).nullish(),
  members: z.array(Member).max(MAX_MEMBERS).nullish(),
});

export function groupFromBody(body: unknown): GroupState {
  const b = GroupBody.parse(body);
  return { displayName: b.displayName, externalId: b.externalId || null, members: new Set((b.members ?? []).map((m) => m.value)) };
}

/** Okta sends a list of {value, display}; Entra a list of {value, $ref: null}; either may send one object. */
function memberIds(value: unknown): string[] {
  const list = z
    .array(Member)
    .max(MAX_MEMBERS)
    .safeParse(Array.isArray(value) ? value : [value]);
  if (!list.success) throw invalidValue("`members` must be a list of {value: <user id>}.");
  return list.data.map((m) => m.value);
}

export function patchGroup(state: GroupState, ops: readonly PatchOp[]): GroupState {
  const next: GroupState = { ...state, members: new Set(state.members) };
  for (const { op, path, value } of ops) {
    if (!path) continue;
    if (path.attr === "displayname") {
      const name = op === "remove" ? null : toOptionalString(value, "displayName", 100);
      if (!name) throw invalidValue("`displayName` is required.");
      next.displayName = name;
    } else if (path.attr === "externalid") next.externalId = op === "remove" ? null : toOptionalString(value, "externalId");
    else if (path.attr === "members") applyMembers(next.members, op, path.filter, value);
    // id, meta and schemas (Okta repeats `id` in a path-less replace) and unknown attributes change nothing.
  }
  return next;
}

function applyMembers(members: Set<string>, op: PatchOp["op"], filter: Comparison[] | null, value: unknown): void {
  if (filter) {
    // Okta's removal form: members[value eq "id"].
    const target = filter.find((c) => c.attr === "value")?.value;
    if (op !== "remove" || typeof target !== "string" || filter.length !== 1) throw invalidPath('Only `remove` with `members[value eq "<id>"]` is supported.');
    members.delete(target);
    return;
  }
  if (op === "remove") {
    // Entra removes with a value list; no value at all means every member (RFC 7644 §3.5.2.2).
    if (value === undefined || value === null) members.clear();
    else for (const id of memberIds(value)) members.delete(id);
    return;
  }
  if (op === "replace") members.clear();
  for (const id of memberIds(value)) members.add(id);
}
