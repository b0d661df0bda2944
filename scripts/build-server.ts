// The production server as plain JavaScript: server.ts and the lib/ modules it reaches, bundled
// by esbuild into dist/server/ (`npm run build`; `npm start` rebuilds it when stale). Compiling
// at run time through tsx costs 60–85 MB RSS per process and start-up CPU. Packages stay external
// (resolved from node_modules at run time, as before), so Prisma's wasm query compiler and the
// tokenizer load from their own files. Code splitting keeps the dynamic imports
// lazy: the LATCH_WORKERS primary loads neither the gateway nor Next, the gateway loads no
// health check until asked. `npm run dev` keeps running the sources through tsx.
import fs from "node:fs";
import path from "node:path";
import { build, type Metafile } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
export const SERVER_BUNDLE_DIR = path.join(root, "dist/server");
export const SERVER_BUNDLE = path.join(SERVER_BUNDLE_DIR, "server.mjs");
const INPUTS_FILE = "inputs.json";
// Changing these changes the output without being an input of it.
const BUILD_FILES = ["scripts/build-server.ts", "tsconfig.json", "package.json"];

/** Bundles the entries (`<name>.mjs` each) into `outdir`, replaced whole so a reader never sees half of it. */
export async function buildServerBundle(entries = ["server.ts"], outdir = SERVER_BUNDLE_DIR): Promise<void> {
  const fresh = `${outdir}.building-${process.pid}`;
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir: fresh,
    outExtension: { ".js": ".mjs" },
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: "tsconfig.json",
    // A map beside the code, read only when NODE_OPTIONS=--enable-source-maps asks for it.
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    logLevel: "warning",
  });
  fs.writeFileSync(path.join(fresh, INPUTS_FILE), JSON.stringify(sourcesOf(metafile)));
  const old = `${outdir}.old-${process.pid}`;
  if (fs.existsSync(outdir)) fs.renameSync(outdir, old);
  fs.renameSync(fresh, outdir);
  fs.rmSync(old, { recursive: true, force: true });
}

const sourcesOf = (metafile: Metafile) => [...Object.keys(metafile.inputs).filter((f) => !f.startsWith("node_modules/")), ...BUILD_FILES];

/** True when the bundle is missing or a source it was built from changed since. */
export function serverBundleIsStale(): boolean {
  let builtAt: number;
  let inputs: string[];
  try {
    const inputsFile = path.join(SERVER_BUNDLE_DIR, INPUTS_FILE);
    builtAt = fs.statSync(inputsFile).mtimeMs;
    inputs = JSON.parse(fs.readFileSync(inputsFile, "utf8")) as string[];
    if (!fs.existsSync(SERVER_BUNDLE)) return true;
  } catch {
    return true;
  }
  // A new file only matters once an existing input imports it, which changes that input.
  return inputs.some((file) => {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    return !stat || stat.mtimeMs > builtAt;
  });
}

/** Builds the bundle unless it is current; returns whether it built. */
export async function ensureServerBundle(): Promise<boolean> {
  if (!serverBundleIsStale()) return false;
  await buildServerBundle();
  return true;
}

if (import.meta.filename === process.argv[1]) {
  const started = performance.now();
  await buildServerBundle();
  console.log(`Latch: server bundle built in ${Math.round(performance.now() - started)} ms: ${path.relative(root, SERVER_BUNDLE)}`);
}
