import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/WASM database engines are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "ioredis"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
