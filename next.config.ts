import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/WASM database engines are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "ioredis"],
  poweredByHeader: false,
  typedRoutes: false,
  // The benchmark builds and serves its own copy (`.next-bench`) so that it never races another
  // `next build` on the shared `.next`; both `next build` and server.ts read this.
  distDir: process.env.LATCH_NEXT_DIST_DIR || ".next",
  // Only the benchmark sets this: it measures run time, and `npm run typecheck` guards types.
  typescript: { ignoreBuildErrors: process.env.LATCH_NEXT_SKIP_TYPECHECK === "1" },
  // Load each page's server code on its first request instead of all of it at start: the data
  // plane process then holds only what it serves (tens of MB less resident memory).
  experimental: { preloadEntriesOnStart: false },
};

export default nextConfig;
