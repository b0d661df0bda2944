// The compiled server the tests start where they stand for production (built once per run by
// tests/global-setup.ts, as `npm run build` builds dist/server), and the second-instance entry.
import path from "node:path";

export const TEST_BUNDLE_DIR = path.resolve(import.meta.dirname, "../../dist/test");
export const TEST_BUNDLE_ENTRIES = ["server.ts", "tests/helpers/gateway-main.ts"];
/** `node <this>` is `npm start`'s process. */
export const SERVER_BUNDLE = path.join(TEST_BUNDLE_DIR, "server.mjs");
export const GATEWAY_MAIN_BUNDLE = path.join(TEST_BUNDLE_DIR, "gateway-main.mjs");
