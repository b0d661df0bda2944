// The conformance CLI imports fs.globSync (Node 22+). On Node 20 it gets a stub that throws;
// only its tier-check command uses it, never `server` runs.
import { register } from "node:module";

register("./node20-hooks.mjs", import.meta.url);
