// SCIM User payloads (POST, PUT, PATCH) → the few things Latch keeps about a person. Attributes
// Latch does not store (title, phoneNumbers, the enterprise extension, password…) are accepted
// and ignored, so an IdP's full attribute mapping never fails a sync.
import { z } from "zod";
import { toBoolean, toOptionalString, type PatchOp } from "@/lib/scim/patch";
import { invalidValue } from "@/lib/scim/errors";

export type UserState = {
  userName: string;
  externalId: string | null;
  email: string | null;
  displayName: string | null;
  givenName: string | null;
  familyName: string | null;
  formatted: string | null;
  active: boolean;
};

/** What is stored: the email is the SSO identity; the name is one display string. */
export type ResolvedUser = { userName: string; externalId: string | null; email: string; name: string | null; active: boolean };

const Email = z.object({ value: z.string().max(320), type: z.string().nullish(), primary: z.union([z.boolean(), z.string()]).nullish() });
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const UserBody = z.looseObject({
  userName: z.string().trim().min(1).max(256),
  externalId: z.string().max(256).nullish(),
  displayName: z.string().max(200).nullish(),
  name: z
    .looseObject({ givenName: z.string().max(100).nullish(), familyName: z.string().max(100).nullish(), formatted: z.string().max(200).nullish() })
    .nullish(),
  emails: z.array(Email).max(20).nullish(),
  active: z.unknown().optional(),
});

/** The primary email, else the work one, else the first: IdPs send one or several. */
function pickEmail(emails: readonly z.infer<typeof Email>[] | null | undefined): string | null {
  if (!emails?.length) return null;
  const primary = emails.find((e) => e.primary === true || String(e.primary).toLowerCase() === "true");
  return (primary ?? emails.find((e) => e.type?.toLowerCase() === "work") ?? emails[0]!).value;
}

/** A full resource (POST, PUT): absent attributes are cleared, except `active`, which defaults to true. */
export function userFromBody(body: unknown): UserState {
  const b = UserBody.parse(body);
  return {
    userName: b.userName,
    externalId: b.externalId || null,
    email: pickEmail(b.emails),
    displayName: b.displayName || null,
    givenName: b.name?.givenName || null,
    familyName: b.name?.familyName || null,
    formatted: b.name?.formatted || null,
    active: b.active === undefined ? true : toBoolean(b.active, "active"),
  };
}

const NAME_PARTS = { givenname: "givenName", familyname: "familyName", formatted: "formatted" } as const;

/** Applies PATCH operations to a copy of the state. */
export function patchUser(state: UserState, ops: readonly PatchOp[]): UserState {
  const next = { ...state };
  for (const { op, path, value } of ops) {
    if (!path) continue;
    const clear = op === "remove";
    const { attr, sub } = path;
    if (attr === "active") next.active = clear ? next.active : toBoolean(value, "active");
    else if (attr === "username") {
      if (clear) throw invalidValue("`userName` is required.");
      next.userName = toOptionalString(value, "userName") ?? next.userName;
    } else if (attr === "externalid") next.externalId = clear ? null : toOptionalString(value, "externalId");
    else if (attr === "displayname") next.displayName = clear ? null : toOptionalString(value, "displayName", 200);
    else if (attr === "name" && sub && sub in NAME_PARTS)
      next[NAME_PARTS[sub as keyof typeof NAME_PARTS]] = clear ? null : toOptionalString(value, `name.${sub}`, 200);
    else if (attr === "name" && !sub) Object.assign(next, nameParts(clear ? {} : value));
    else if (attr === "emails") next.email = clear ? null : emailFrom(value, path.sub !== null);
    // Anything else (title, phoneNumbers, roles, groups, extension URNs) is not stored by Latch.
  }
  return next;
}

function nameParts(value: unknown) {
  const n = value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  return {
    givenName: toOptionalString(n.givenName, "name.givenName", 100),
    familyName: toOptionalString(n.familyName, "name.familyName", 100),
    formatted: toOptionalString(n.formatted, "name.formatted", 200),
  };
}

/** `emails[type eq "work"].value` carries a string; `emails` carries the list. Latch keeps one address. */
function emailFrom(value: unknown, isSubValue: boolean): string | null {
  if (isSubValue || typeof value === "string") return toOptionalString(value, "emails.value", 320);
  const list = z.array(Email).safeParse(Array.isArray(value) ? value : [value]);
  if (!list.success) throw invalidValue("`emails` must be a list of {value, type, primary}.");
  return pickEmail(list.data);
}

/**
 * Latch knows people by email (it is what SSO vouches for). Without an email attribute the
 * userName stands in when it is one, as Okta's usually is; Entra's UPN may differ from the mail.
 */
export function resolveUser(state: UserState): ResolvedUser {
  const email = (state.email ?? (EMAIL.test(state.userName) ? state.userName : "")).trim().toLowerCase();
  if (!EMAIL.test(email)) throw invalidValue("A user needs an email address: send `emails`, or a userName that is one.");
  const parts = [state.givenName, state.familyName].filter(Boolean).join(" ");
  return { userName: state.userName, externalId: state.externalId, email, name: state.displayName ?? state.formatted ?? (parts || null), active: state.active };
}

/** The state a stored member starts a PATCH from. */
export function stateOf(m: {
  active: boolean;
  scimUserName: string | null;
  scimExternalId: string | null;
  user: { email: string; name: string | null };
}): UserState {
  return {
    userName: m.scimUserName ?? m.user.email,
    externalId: m.scimExternalId,
    email: m.user.email,
    displayName: m.user.name,
    givenName: null,
    familyName: null,
    formatted: null,
    active: m.active,
  };
}
