import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts", "e2e/fixtures/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/worker-setup.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses.
    server: { deps: { inline: ["next-auth"] } },
    // A bound that catches a hang, not a pace: on a loaded CI machine (the soak runs beside the
    // suite on 2 cores) a test with a few gateway round trips can take well over 20 s.
    testTimeout: 60_000,
    // Hooks start gateway processes and Redis servers; on a loaded machine that takes a while.
    hookTimeout: 240_000,
    pool: "forks",
    // Most suites wait on sockets, child processes and timers rather than the CPU.
    maxWorkers: 3,
  },
});
