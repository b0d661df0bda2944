// Resolves the client's `model` to candidates through the org's routes and aliases, or the
// explicit `provider/model` form. Every later check sees the canonical provider/model.
import { NotFoundError } from "@/lib/errors";
import type { OrgSnapshot, RouteCandidate } from "@/lib/gateway/org-cache";

export function resolveModel(org: OrgSnapshot, requested: string): RouteCandidate[] {
  const routed = org.routes.get(requested);
  if (routed?.length) return [...routed];
  const slash = requested.indexOf("/");
  if (slash > 0 && slash < requested.length - 1) {
    const credentials = org.credentialsByProvider.get(requested.slice(0, slash));
    const upstreamModel = requested.slice(slash + 1);
    if (credentials?.length) return credentials.map((credential) => ({ credential, upstreamModel }));
  }
  throw new NotFoundError("model_not_found", `The model \`${requested}\` does not exist or you do not have access to it.`, "model");
}

const cursors = new Map<string, number>();

/** Round-robin among candidates (already in priority order): rotate the start per model name. */
export function rotate(requested: string, candidates: RouteCandidate[]): RouteCandidate[] {
  if (candidates.length < 2) return candidates;
  const n = cursors.get(requested) ?? 0;
  cursors.set(requested, (n + 1) % candidates.length);
  return [...candidates.slice(n % candidates.length), ...candidates.slice(0, n % candidates.length)];
}
