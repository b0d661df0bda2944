// Per-request attribution, read once per request from what the client already sends: the
// `x-latch-tags: k=v,…` header, the OpenAI `metadata` map and `user`, the Anthropic
// `metadata.user_id`. A request may only set dimensions its key lists in requestTags and never a
// value the key itself fixes: spoofed tags are refused with a 400 naming the tag, so spend can
// never be moved onto another cost center from the client side. No I/O: definitions come from
// the org snapshot, the key's values from the key cache.
import { createHmac } from "node:crypto";
import { env } from "@/lib/env";
import { InvalidRequestError } from "@/lib/errors";
import { fallbackValue, valueProblem } from "@/lib/attribution/compile";
import type { CachedKey } from "@/lib/gateway/key-cache";
import type { OrgSnapshot } from "@/lib/gateway/org-cache";
import type { ErrorCode } from "@/lib/error-codes";

export const TAGS_HEADER = "x-latch-tags";
const MAX_TAGS = 20;
const END_USER_MAX = 256;

export type RequestAttribution = { dimensions: Readonly<Record<string, string>>; endUser: string | null };
type Tag = { name: string; value: string; source: string };

const refuse = (message: string, param: string, code: ErrorCode = "invalid_tag") => new InvalidRequestError(message, param, code);

function headerTags(header: string | null): Tag[] {
  if (!header?.trim()) return [];
  const parts = header.split(",");
  if (parts.length > MAX_TAGS) throw refuse(`At most ${MAX_TAGS} tags per request.`, TAGS_HEADER);
  return parts.map((part) => {
    const at = part.indexOf("=");
    const name = (at < 0 ? part : part.slice(0, at)).trim();
    if (at < 0 || !name) throw refuse(`\`${TAGS_HEADER}\` must be a list of name=value pairs.`, TAGS_HEADER);
    return { name, value: part.slice(at + 1).trim(), source: `${TAGS_HEADER}.${name}` };
  });
}

/** OpenAI `metadata` entries that name a dimension are tags; the rest is the client's own and passes on. */
function metadataTags(json: Record<string, unknown>, org: OrgSnapshot): Tag[] {
  const metadata = json.metadata;
  if (typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return [];
  return Object.entries(metadata).flatMap(([name, value]) =>
    org.dimensions.has(name) && typeof value === "string" ? [{ name, value: value.trim(), source: `metadata.${name}` }] : [],
  );
}

function endUserOf(json: Record<string, unknown>, anthropicShape: boolean): { value: unknown; param: string } {
  if (anthropicShape) {
    const metadata = json.metadata as { user_id?: unknown } | null | undefined;
    return { value: typeof metadata === "object" && metadata !== null ? metadata.user_id : undefined, param: "metadata.user_id" };
  }
  return { value: json.user, param: "user" };
}

// Derived once: end users are pseudonymised under a server secret, so the hash cannot be
// reversed by guessing ids without it, and stays stable across restarts and instances.
const END_USER_KEY = createHmac("sha256", env.LATCH_ENCRYPTION_KEY).update("latch:end-user").digest();

export const hashEndUser = (orgId: string, user: string) => `h_${createHmac("sha256", END_USER_KEY).update(`${orgId}\0${user}`).digest("hex").slice(0, 32)}`;

export function resolveAttribution(
  key: CachedKey,
  org: OrgSnapshot,
  header: string | null,
  json: Record<string, unknown> | null,
  anthropicShape: boolean,
): RequestAttribution {
  const tags = [...headerTags(header), ...(json ? metadataTags(json, org) : [])];
  const tagged = new Map<string, string>();
  for (const tag of tags) {
    const dim = org.dimensions.get(tag.name);
    if (!dim) throw refuse(`Tag \`${tag.name}\` is not an attribution dimension of this organisation.`, tag.source);
    const own = key.dimensions[tag.name];
    if (own !== undefined && own !== tag.value)
      throw refuse(`Tag \`${tag.name}\` is fixed by this API key and cannot be set per request.`, tag.source, "tag_not_allowed");
    if (own === undefined && !key.requestTags.has(tag.name))
      throw refuse(`This API key does not allow requests to set \`${tag.name}\`.`, tag.source, "tag_not_allowed");
    const problem = valueProblem(dim, tag.value);
    if (problem) throw refuse(`Tag \`${tag.name}\` ${problem}.`, tag.source);
    const earlier = tagged.get(tag.name);
    if (earlier !== undefined && earlier !== tag.value) throw refuse(`Tag \`${tag.name}\` is given two different values.`, tag.source);
    tagged.set(tag.name, tag.value);
  }

  const dimensions: Record<string, string> = {};
  for (const dim of org.dimensions.values()) {
    const value = key.dimensions[dim.name] ?? tagged.get(dim.name) ?? fallbackValue(dim, key.teamId);
    if (value !== null) dimensions[dim.name] = value;
  }

  const asked = json ? endUserOf(json, anthropicShape) : { value: undefined, param: "user" };
  if (asked.value === undefined || asked.value === null || asked.value === "") return { dimensions, endUser: null };
  if (typeof asked.value !== "string" || asked.value.length > END_USER_MAX)
    throw new InvalidRequestError(`\`${asked.param}\` must be a string of at most ${END_USER_MAX} characters.`, asked.param);
  return { dimensions, endUser: org.hashEndUsers ? hashEndUser(org.orgId, asked.value) : asked.value };
}
