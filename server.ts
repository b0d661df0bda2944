// Latch's process entry (`npm start`, `npm run dev`). With LATCH_WORKERS=auto|N (N > 1) this
// process is a node:cluster primary that only supervises N server processes sharing the port
// (lib/server/primary.ts); otherwise, and in each worker, it is the server itself
// (lib/server/main.ts). The primary loads neither Next nor the gateway.
import cluster from "node:cluster";
import { env } from "@/lib/env";
import { tuneHeapGrowth } from "@/lib/server/heap";

tuneHeapGrowth(env.LATCH_HEAP_GROWING_PERCENT);

const dev = process.argv.includes("--dev");
if (cluster.isPrimary && env.LATCH_WORKERS > 1 && !dev) await (await import("@/lib/server/primary")).runPrimary(env.LATCH_WORKERS);
else await import("@/lib/server/main");
