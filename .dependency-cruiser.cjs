// Latch's layers, checked by `npm run lint:deps` (part of `npm test`). Each ring may import its
// own ring and the rings below it, never one above:
//   platform   db, redis, env, log, errors and their codes, invalidation, security primitives, IP parsing
//   data plane gateway, providers, policy, metrics, the usage pipeline (event → queue → writer, prices)
//   domain     the verbs and reads: keys, teams, orgs, auth, alerts, billing, usage reports …
//   edges      app, components, lib/server, lib/api, lib/actions, scripts, server.ts, proxy.ts
// Below the edges nothing imports Next. Outside lib/providers nothing imports one provider's
// folder (only the registry and the shared adapter types). Tests may import anything.
// Paths are matched as `.js`: scripts/lint-deps.ts hands dependency-cruiser a JS mirror of the
// sources (same paths, `.js` for `.ts`/`.tsx`).
/** @typedef {import("dependency-cruiser").IConfiguration} Config */

const PLATFORM = [
  "^lib/db/",
  "^lib/generated/",
  "^lib/(redis|env|log|errors|error-codes|invalidation|utils)\\.js$",
  // Crypto, tokens and the SSRF guard; re-encrypting stored secrets is a domain job.
  "^lib/security/(?!reencrypt\\.js$)",
  // Address parsing and the client IP: read by the gateway, the management API and sign-in alike.
  "^lib/policy/ip-allow\\.js$",
  "^lib/gateway/client-ip\\.js$",
];
// The usage pipeline: what a request's usage passes through on its way to Postgres, and its prices.
const USAGE_PIPELINE =
  "^lib/usage/(event|queue|memory-queue|redis-stream|writer|isolate-poison|sanitize|last-used|pricing|price-book|price-catalog|price-rates)\\.js$";
// Attribution's compiler turns stored dimensions into what the key and org snapshots carry; it
// reads their schemas and the list of key kinds (pure values).
const DATA_PLANE = [
  "^lib/gateway/",
  "^lib/providers/",
  "^lib/policy/",
  "^lib/metrics(-cluster|-series)?\\.js$",
  "^lib/attribution/(compile|schemas)\\.js$",
  "^lib/keys/kinds\\.js$",
  USAGE_PIPELINE,
];
// form-fields is a pure FormData reader that domain form schemas share, not an action helper.
const EDGES = [
  "^app/",
  "^components/",
  "^lib/server/",
  "^lib/api/",
  "^lib/mcp/api/",
  "^lib/actions/(?!form-fields\\.js$)",
  "^scripts/",
  "^(server|proxy|instrumentation)\\.js$",
];
const NOT_A_TEST = "\\.test\\.js$|^lib/providers/test-helpers\\.js$";

/**
 * Today's imports that break a rule, each with its reason. A new violation fails; shrinking this
 * list is welcome, growing it needs the same one-line reason in review.
 */
const KNOWN = [
  {
    rule: "data-plane-imports-up",
    from: "lib/gateway/door.ts",
    to: "lib/alerts/refused-key.ts",
    why: "a revoked key still in use raises its alert; to become a hook the alerts register, like the settle alert",
  },
  {
    rule: "data-plane-imports-up",
    from: "lib/gateway/delegate.ts",
    to: "lib/(keys/create-child|api/serializers/child-keys)",
    why: "POST /v1/keys/self/children is served on the data plane (the parent key authenticates it); to move to an edge handler",
  },
  { rule: "domain-imports-edge", from: "lib/gateway/delegate.ts", to: "lib/api/serializers/child-keys.ts", why: "as above" },
  {
    rule: "data-plane-imports-up",
    from: "lib/policy/limits.ts",
    to: "lib/alerts/check.ts",
    why: "a settle that crosses a budget threshold raises the alert; to become a settle hook the alerts register",
  },
  {
    rule: "platform-imports-up",
    from: "lib/db/unavailable.ts",
    to: "lib/server/response-status.ts",
    why: "a page read during an outage marks its response 503; the mark lives with the server that writes the head",
  },
  { rule: "domain-imports-edge", from: "lib/db/unavailable.ts", to: "lib/server/response-status.ts", why: "as above" },
  {
    rule: "next-below-edges",
    from: "lib/auth/session.ts",
    to: "node_modules/next/",
    why: "page loaders' requireSession redirects to sign-in; to move to the portal edge with the action wrapper",
  },
  {
    rule: "next-below-edges",
    from: "lib/orgs/admin-page.ts",
    to: "node_modules/next/",
    why: "an admin page loader that redirects; belongs in app/(portal) beside its pages",
  },
  {
    rule: "next-below-edges",
    from: "lib/idp-connections/start.ts",
    to: "node_modules/next/",
    why: "the SSO start sets its state cookie through next/headers; to take the cookie jar as an argument",
  },
];

const js = (p) => p.replace(/\.tsx?$/, ".js").replace(/[.](?=js$)/, "\\.");
const ANY_SOURCE = "^(lib|app|components|scripts)/|^(server|proxy|auth|instrumentation)\\.js$";

/** A rule, plus one narrower copy per known exception that lets exactly that import through. */
function rule(name, comment, from, to) {
  const known = KNOWN.filter((k) => k.rule === name);
  const skip = [...[from.pathNot ?? []].flat(), NOT_A_TEST, ...known.map((k) => `^${js(k.from)}$`)];
  const base = { name, comment, severity: "error", from: { ...from, pathNot: skip }, to };
  return [
    base,
    ...known.map((k) => ({
      name,
      comment,
      severity: "error",
      from: { path: `^${js(k.from)}$` },
      to: { ...to, pathNot: [...(to.pathNot ?? []), `^${js(k.to)}`] },
    })),
  ];
}

/** @type {Config} */
module.exports = {
  forbidden: [
    ...rule(
      "platform-imports-up",
      "platform code is what every ring stands on: it imports only platform code and packages",
      { path: PLATFORM },
      { path: ANY_SOURCE, pathNot: PLATFORM },
    ),
    ...rule(
      "data-plane-imports-up",
      "the hot path imports the platform and itself, never domain verbs or edges",
      { path: DATA_PLANE },
      { path: ANY_SOURCE, pathNot: [...PLATFORM, ...DATA_PLANE] },
    ),
    ...rule(
      "domain-imports-edge",
      "domain verbs are called by edges (portal, management API, server, scripts), never the reverse",
      { path: "^lib/", pathNot: EDGES },
      { path: EDGES },
    ),
    ...rule(
      "next-below-edges",
      "only edges speak Next (next/server, next/cache, next/headers …); lib stays framework-free",
      { path: "^lib/", pathNot: EDGES },
      { path: "^node_modules/next/" },
    ),
    ...rule(
      "provider-specifics-outside-providers",
      "one provider's wire format lives in its lib/providers/<name>/ folder; everything else goes through the registry",
      { pathNot: ["^lib/providers/"] },
      { path: "^lib/providers/[^/]+/" },
    ),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // node_modules is a symlink in the mirror (and in worktrees): keep "node_modules/next/…" paths.
    preserveSymlinks: true,
    exclude: { path: "^(lib/generated|\\.next)" },
    // The sources arrive as JS (see scripts/lint-deps.ts); "@/…" is resolved by an alias there.
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
