// IdP group claims → Latch role, per org (Organization.groupRoleMappings for the configured IdPs,
// IdpConnection.groupRoleMappings for an org's own). Stored as {"<group>": "<role>"}.
import { z } from "zod";
import { ROLES, type Role } from "@/lib/auth/permissions";
import { InvalidRequestError } from "@/lib/errors";

export type GroupRoleMappings = Record<string, Role>;

const MAX_GROUPS = 200;

/** Tolerant on read: a stored entry naming an unknown role is ignored rather than failing every sign-in. */
export function parseMappings(value: unknown): GroupRoleMappings {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const out: GroupRoleMappings = {};
  for (const [group, role] of Object.entries(value)) {
    const parsed = z.enum(ROLES).safeParse(role);
    if (parsed.success) out[group] = parsed.data;
  }
  return out;
}

/**
 * The most privileged role any of the user's groups maps to, or null when none matches (then
 * the role an admin assigned in Latch stands). Group names compare exactly: IdPs treat them so.
 */
export function roleForGroups(mappings: GroupRoleMappings, groups: readonly string[]): Role | null {
  const matched = new Set(groups.map((g) => mappings[g]).filter((r): r is Role => r !== undefined));
  return ROLES.find((role) => matched.has(role)) ?? null;
}

/** The portal's text form: one `group = role` per line; blank lines and `#` comments ignored. */
export function mappingsFromText(text: string, param = "groupRoleMappings"): GroupRoleMappings {
  const out: GroupRoleMappings = {};
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  if (lines.length > MAX_GROUPS) throw new InvalidRequestError(`At most ${MAX_GROUPS} group mappings.`, param);
  for (const line of lines) {
    const at = line.lastIndexOf("=");
    const group = line.slice(0, at).trim();
    const role = z.enum(ROLES).safeParse(
      line
        .slice(at + 1)
        .trim()
        .toLowerCase(),
    );
    if (at <= 0 || !group || group.length > 200 || !role.success)
      throw new InvalidRequestError(`"${line.slice(0, 80)}" is not "group = ${ROLES.join(" | ")}".`, param);
    out[group] = role.data;
  }
  return out;
}

export function mappingsToText(mappings: GroupRoleMappings): string {
  return Object.entries(mappings)
    .map(([group, role]) => `${group} = ${role}`)
    .join("\n");
}

export function stringArray(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
