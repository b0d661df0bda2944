// `npm run lint:deps`: checks the layer rules in .dependency-cruiser.cjs. dependency-cruiser
// reads TypeScript only through the `typescript` package below version 7 (we use 7, which has no
// JS API yet), so the sources are first turned into plain JS by esbuild into a mirror tree with
// the same paths, which dependency-cruiser parses as JS. Run through the API: its CLI refuses Node 20.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { transformSync, type Loader } from "esbuild";
import { cruise, type ICruiseResult, type IConfiguration } from "dependency-cruiser";

const root = path.resolve(import.meta.dirname, "..");
export const SOURCES = ["lib", "app", "components", "scripts", "server.ts", "proxy.ts", "auth.ts", "instrumentation.ts"];
const SKIP = /(^|\/)(node_modules|generated|\.next[^/]*)(\/|$)/;
const LOADERS: Record<string, Loader> = { ".ts": "ts", ".mts": "ts", ".cts": "ts", ".tsx": "tsx", ".js": "js", ".mjs": "js", ".cjs": "js" };

function* sourceFiles(entry: string): Generator<string> {
  const full = path.join(root, entry);
  if (!fs.existsSync(full) || SKIP.test(entry)) return;
  if (fs.statSync(full).isFile()) {
    if (path.extname(entry) in LOADERS && !entry.endsWith(".d.ts")) yield entry;
    return;
  }
  for (const name of fs.readdirSync(full)) yield* sourceFiles(path.join(entry, name));
}

/** Writes every source as `<path without extension>.js`; returns mirror path → original path. */
function mirror(dir: string, extra: Record<string, string>): Map<string, string> {
  const names = new Map<string, string>();
  const write = (rel: string, source: string) => {
    const loader = LOADERS[path.extname(rel)]!;
    // Imports only used as types stay (verbatim module syntax): a type import is a dependency too.
    const { code } = transformSync(source, { loader, format: "esm", jsx: "automatic", tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } } });
    const out = `${rel.slice(0, -path.extname(rel).length)}.js`;
    names.set(out, rel);
    fs.mkdirSync(path.dirname(path.join(dir, out)), { recursive: true });
    fs.writeFileSync(path.join(dir, out), code);
  };
  for (const rel of SOURCES.flatMap((s) => [...sourceFiles(s)])) write(rel, fs.readFileSync(path.join(root, rel), "utf8"));
  for (const [rel, source] of Object.entries(extra)) write(rel, source);
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  return names;
}

/** Cruises `sources` (default: the whole app) with `extra` files added; returns the error count and the report. */
export async function lintDeps(sources: string[] = SOURCES, extra: Record<string, string> = {}): Promise<{ errors: number; rules: string[]; report: string }> {
  const config = createRequire(import.meta.url)(path.join(root, ".dependency-cruiser.cjs")) as IConfiguration;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latch-deps-"));
  const cwd = process.cwd();
  try {
    const names = mirror(dir, extra);
    const original = (p: string) => names.get(p) ?? p;
    process.chdir(dir);
    const targets = sources.map((s) => (names.has(s.replace(/\.tsx?$/, ".js")) ? s.replace(/\.tsx?$/, ".js") : s));
    const result = await cruise(targets, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } }, { alias: { "@": dir } });
    const { summary } = result.output as ICruiseResult;
    const lines = summary.violations.map((v) => `  ${v.rule.severity} ${v.rule.name}: ${original(v.from)} → ${original(v.to)}`);
    const report = lines.length
      ? `${lines.join("\n")}\n\n✘ ${lines.length} layer rule violation(s) (rules and known exceptions: .dependency-cruiser.cjs)\n`
      : `✔ no layer rule violations (${summary.totalCruised} modules, ${summary.totalDependenciesCruised} dependencies)\n`;
    return { errors: summary.error, rules: [...new Set(summary.violations.map((v) => v.rule.name))], report };
  } finally {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.filename === process.argv[1]) {
  const { errors, report } = await lintDeps();
  process.stdout.write(report);
  process.exit(errors > 0 ? 1 : 0);
}
