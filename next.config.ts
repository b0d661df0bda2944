import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/WASM database engines are loaded by Node at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/schema-engine-wasm", "pg", "ioredis"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
