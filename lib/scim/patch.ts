// PATCH (RFC 7644 §3.5.2) in both dialects IdPs actually send. Okta: lower-case ops, a path-less
// `replace` whose value is an object ({"active":false}), `members[value eq "id"]` removals. Entra:
// "Add"/"Replace"/"Remove", paths like `emails[type eq "work"].value`, booleans as "True"/"False",
// member removals as a `members` path with a value list. Everything is reduced to one form here,
// so the user and group code only ever sees {op, path, value}.
import { parseFilter, stripCoreUrn, type Comparison } from "@/lib/scim/filter";
import { invalidPath, invalidSyntax, invalidValue, ScimError } from "@/lib/scim/errors";

const MAX_OPERATIONS = 1000;

export type PatchPath = { attr: string; filter: Comparison[] | null; sub: string | null };
export type PatchOp = { op: "add" | "replace" | "remove"; path: PatchPath | null; value: unknown };

const PATH = /^([A-Za-z][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z][\w$-]*))?$/;
const EXTENSION = /^urn:/i;

/**
 * `name.givenName`, `emails[type eq "work"].value`, `members[value eq "id"]`, with or without the
 * core URN. Extension attributes (`urn:…:enterprise:2.0:User:department`) keep their whole URN
 * as the attribute, so callers can recognise and skip what they do not store.
 */
export function parsePath(text: string): PatchPath {
  const path = stripCoreUrn(text.trim());
  if (EXTENSION.test(path)) return { attr: path.toLowerCase(), filter: null, sub: null };
  const m = PATH.exec(path);
  if (!m) throw invalidPath(`Cannot parse the path "${text.slice(0, 80)}".`);
  // Names are case-insensitive; the filter's values (ids, emails) keep their case.
  return { attr: m[1]!.toLowerCase(), filter: m[2] ? parseFilter(m[2]) : null, sub: m[3]?.toLowerCase() ?? null };
}

function parseOp(raw: unknown): PatchOp {
  if (!raw || typeof raw !== "object") throw invalidSyntax("Each operation must be an object.");
  const { op, path, value } = raw as Record<string, unknown>;
  const name = typeof op === "string" ? op.toLowerCase() : "";
  if (name !== "add" && name !== "replace" && name !== "remove") throw invalidSyntax(`Unknown operation "${String(op).slice(0, 20)}".`);
  if (path !== undefined && path !== null && typeof path !== "string") throw invalidPath("`path` must be a string.");
  if (name === "remove" && !path) throw new ScimError(400, "A remove operation needs a path.", "noTarget");
  if (name !== "remove" && value === undefined) throw invalidValue(`An ${name} operation needs a value.`);
  return { op: name, path: path ? parsePath(path) : null, value };
}

/** The body's operations, with path-less object values split into one operation per attribute. */
export function parsePatch(body: unknown): PatchOp[] {
  const record = body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  // Clients disagree on the capital O; RFC 7644 examples use "Operations".
  const operations = record.Operations ?? record.operations;
  if (!Array.isArray(operations) || operations.length === 0) throw invalidSyntax("The body needs a non-empty `Operations` array.");
  if (operations.length > MAX_OPERATIONS) throw invalidValue(`At most ${MAX_OPERATIONS} operations per request.`);
  return operations.map(parseOp).flatMap(expand);
}

/**
 * RFC 7644: without a path, the value is a partial resource. Its keys may themselves be paths
 * (Entra sends {"name.givenName": "Ada"}); a nested core object such as `name` is flattened one
 * level so `name.givenName` is handled in one place.
 */
function expand(op: PatchOp): PatchOp[] {
  if (op.path) return [op];
  if (!op.value || typeof op.value !== "object" || Array.isArray(op.value)) throw invalidValue("A patch without a path needs an object value.");
  return Object.entries(op.value as Record<string, unknown>).flatMap(([key, value]) => {
    const path = parsePath(key);
    const nested = path.attr === "name" && !path.sub && value && typeof value === "object" && !Array.isArray(value);
    if (!nested) return [{ op: op.op, path, value }];
    return Object.entries(value as Record<string, unknown>).map(([sub, v]) => ({ op: op.op, path: { ...path, sub: sub.toLowerCase() }, value: v }));
  });
}

/** Entra sends `active` (and other booleans) as "True"/"False" strings. */
export function toBoolean(value: unknown, attr: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  throw invalidValue(`\`${attr}\` must be true or false.`);
}

/** A string attribute's new value; null or "" clears it (Entra clears with an empty string). */
export function toOptionalString(value: unknown, attr: string, max = 256): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string" || value.length > max) throw invalidValue(`\`${attr}\` must be a string of at most ${max} characters.`);
  return value.trim() || null;
}
