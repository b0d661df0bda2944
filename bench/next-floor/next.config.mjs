// The `next-floor` benchmark target: a Next app whose only route forwards to the upstream with
// no logic at all, built with `next build` and served like Latch (custom node:http server).
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export default {
  poweredByHeader: false,
  // The monorepo root holds node_modules and the lockfile.
  turbopack: { root },
  outputFileTracingRoot: root,
};
