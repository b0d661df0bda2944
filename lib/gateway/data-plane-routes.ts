// The data plane's paths and methods, in one table both entries read: the lean node:http server
// (which answers these itself) and the Next route files (which export the same handlers).
import type { Endpoint } from "@/lib/providers/types";

export type DataPlaneTarget = { kind: "proxy"; endpoint: Endpoint; resourceId?: string } | { kind: "models"; modelId: string | null } | { kind: "delegate" };

type Method = "GET" | "POST";
type Route = { method: Method; target: (param: string) => DataPlaneTarget };

const proxy = (endpoint: Endpoint): Route => ({ method: "POST", target: () => ({ kind: "proxy", endpoint }) });

/** Exact paths: a Map lookup on the hot path. They win over the patterns below. */
const PATHS = new Map<string, Route>([
  ["/v1/chat/completions", proxy("chat.completions")],
  ["/v1/responses", proxy("responses")],
  ["/v1/responses/input_tokens", proxy("responses.input_tokens")],
  ["/v1/responses/compact", proxy("responses.compact")],
  ["/v1/embeddings", proxy("embeddings")],
  ["/v1/completions", proxy("completions")],
  ["/v1/messages", proxy("messages")],
  ["/v1/messages/count_tokens", proxy("messages.count_tokens")],
  ["/v1/models", { method: "GET", target: () => ({ kind: "models", modelId: null }) }],
  ["/v1/keys/self/children", { method: "POST", target: () => ({ kind: "delegate" }) }],
]);

/** Paths naming a resource; the captured part is handed to the target decoded. */
const PATTERNS: (Route & { pattern: RegExp })[] = [
  { pattern: /^\/v1\/responses\/([^/]+)$/, method: "GET", target: (id) => ({ kind: "proxy", endpoint: "responses.retrieve", resourceId: id }) },
  { pattern: /^\/v1\/models\/(.+)$/, method: "GET", target: (id) => ({ kind: "models", modelId: id }) },
];

export type DataPlaneMatch = { target: DataPlaneTarget } | { methodNotAllowed: true; allow: Method } | null;

/**
 * The data-plane handler of a request, a 405 for a known path asked with another method, or
 * null. Every path has one method: a GET on /v1/responses/compact is a 405, not a lookup of a
 * response called "compact".
 */
export function matchDataPlane(method: string | undefined, pathname: string): DataPlaneMatch {
  let route = PATHS.get(pathname);
  let param = "";
  if (!route) {
    for (const candidate of PATTERNS) {
      const m = candidate.pattern.exec(pathname);
      if (m) {
        route = candidate;
        // A malformed escape throws URIError: the server answers it as a 400 `invalid_url`.
        param = decodeURIComponent(m[1]!);
        break;
      }
    }
  }
  if (!route || method === "OPTIONS") return null;
  if (route.method !== method) return { methodNotAllowed: true, allow: route.method };
  return { target: route.target(param) };
}
