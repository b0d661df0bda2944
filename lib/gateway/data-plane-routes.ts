// The data plane's paths and methods, in one table both entries read: the lean node:http server
// (which answers these itself) and the Next route files (which export the same handlers).
import type { Endpoint } from "@/lib/providers/types";

export type DataPlaneTarget =
  | { kind: "proxy"; endpoint: Endpoint; resourceId?: string }
  | { kind: "models"; modelId: string | null }
  | { kind: "delegate" };

type Route = { path: RegExp; method: "GET" | "POST"; target: (m: RegExpExecArray) => DataPlaneTarget };

const proxy = (endpoint: Endpoint) => () => ({ kind: "proxy", endpoint }) as const;

// Static paths first: /v1/responses/compact is not a response id.
const ROUTES: Route[] = [
  { path: /^\/v1\/chat\/completions$/, method: "POST", target: proxy("chat.completions") },
  { path: /^\/v1\/responses$/, method: "POST", target: proxy("responses") },
  { path: /^\/v1\/responses\/input_tokens$/, method: "POST", target: proxy("responses.input_tokens") },
  { path: /^\/v1\/responses\/compact$/, method: "POST", target: proxy("responses.compact") },
  { path: /^\/v1\/responses\/([^/]+)$/, method: "GET", target: (m) => ({ kind: "proxy", endpoint: "responses.retrieve", resourceId: decodeURIComponent(m[1]!) }) },
  { path: /^\/v1\/embeddings$/, method: "POST", target: proxy("embeddings") },
  { path: /^\/v1\/completions$/, method: "POST", target: proxy("completions") },
  { path: /^\/v1\/messages$/, method: "POST", target: proxy("messages") },
  { path: /^\/v1\/messages\/count_tokens$/, method: "POST", target: proxy("messages.count_tokens") },
  { path: /^\/v1\/models$/, method: "GET", target: () => ({ kind: "models", modelId: null }) },
  { path: /^\/v1\/keys\/self\/children$/, method: "POST", target: () => ({ kind: "delegate" }) },
  { path: /^\/v1\/models\/(.+)$/, method: "GET", target: (m) => ({ kind: "models", modelId: decodeURIComponent(m[1]!) }) },
];

export type DataPlaneMatch = { target: DataPlaneTarget } | { methodNotAllowed: true; allow: string } | null;

/**
 * The data-plane handler of a request, a 405 for a known path asked with another method, or
 * null. Every path has one method, and the first route matching a path owns it: a GET on
 * /v1/responses/compact is a 405, not a lookup of a response called "compact".
 */
export function matchDataPlane(method: string | undefined, pathname: string): DataPlaneMatch {
  const route = ROUTES.find((r) => r.path.test(pathname));
  if (!route || method === "OPTIONS") return null;
  if (route.method !== method) return { methodNotAllowed: true, allow: route.method };
  return { target: route.target(route.path.exec(pathname)!) };
}
