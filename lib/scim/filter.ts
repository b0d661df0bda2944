// The slice of SCIM filtering (RFC 7644 §3.4.2.2) that Okta and Entra send: `attr eq "value"`,
// joined by `and`. Both in `?filter=` and inside PATCH paths (`members[value eq "id"]`).
// Anything richer is refused as invalidFilter rather than half-understood.
import { invalidFilter } from "@/lib/scim/errors";

export type Comparison = { attr: string; value: string | number | boolean | null };

const CORE_URN = /^urn:ietf:params:scim:schemas:core:2\.0:(?:user|group):/i;
const TOKEN = /\s*("(?:[^"\\]|\\.)*"|[^\s"]+)/y;

export const stripCoreUrn = (path: string) => path.replace(CORE_URN, "");

/** Attribute names compare case-insensitively (RFC 7643 §2.1); the core schema's URN prefix is optional. */
export const normalizeAttr = (name: string) => stripCoreUrn(name).toLowerCase();

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push(m[1]!);
    at = TOKEN.lastIndex;
  }
  // Only an unterminated quote stops the scan early.
  if (text.slice(at).trim()) throw invalidFilter("The filter has an unterminated string.");
  return tokens;
}

function literal(token: string): Comparison["value"] {
  if (token.startsWith('"')) {
    try {
      return JSON.parse(token) as string;
    } catch {
      throw invalidFilter(`Bad string ${token.slice(0, 40)} in the filter.`);
    }
  }
  const word = token.toLowerCase();
  if (word === "true" || word === "false") return word === "true";
  if (word === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token);
  throw invalidFilter(`Expected a value, got "${token.slice(0, 40)}".`);
}

export function parseFilter(text: string): Comparison[] {
  const tokens = tokenize(text.trim());
  if (tokens.some((t) => t.startsWith("(") || t.endsWith(")"))) throw invalidFilter("Grouping with parentheses is not supported.");
  const out: Comparison[] = [];
  for (let i = 0; i < tokens.length; i += 4) {
    const [attr, op, value, joiner] = tokens.slice(i, i + 4);
    if (!attr || !op || value === undefined) throw invalidFilter('Expected `attribute eq "value"`.');
    if (op.toLowerCase() !== "eq") throw invalidFilter(`Only the \`eq\` operator is supported, not \`${op.slice(0, 10)}\`.`);
    if (joiner !== undefined && joiner.toLowerCase() !== "and") throw invalidFilter("Only `and` may join comparisons.");
    if (joiner !== undefined && i + 4 >= tokens.length) throw invalidFilter("The filter ends with `and`.");
    out.push({ attr: normalizeAttr(attr), value: literal(value) });
  }
  if (!out.length) throw invalidFilter("The filter is empty.");
  return out;
}

/** The value compared for `attr`, when the filter names it. */
export const valueOf = (filter: readonly Comparison[] | null, attr: string) => filter?.find((c) => c.attr === attr)?.value;
