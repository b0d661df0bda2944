// The app directory's route handlers as a table (path pattern → file), matched the way Next
// matches them, so tests can serve route handlers in process and walk them against the registry.
import { readdirSync } from "node:fs";
import path from "node:path";

export const APP_DIR = path.resolve(import.meta.dirname, "../../app");

export type AppRoute = {
  file: string;
  /** `/v1/keys/[id]`, route groups removed. */
  pattern: string;
  /** The OpenAPI form of the pattern: `/v1/keys/{id}`. */
  template: string;
  regex: RegExp;
  params: string[];
  dynamic: number;
  /** Segments before a catch-all, or -1 without one: a deeper catch-all is the more specific. */
  catchAllDepth: number;
};

export function discoverAppRoutes(dir = APP_DIR, segments: string[] = []): AppRoute[] {
  const routes: AppRoute[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const segment = /^\(.*\)$/.test(entry.name) ? [] : [entry.name];
      routes.push(...discoverAppRoutes(path.join(dir, entry.name), [...segments, ...segment]));
    } else if (entry.name === "route.ts") {
      routes.push(toRoute(path.join(dir, entry.name), segments));
    }
  }
  // As Next does: static before dynamic, catch-alls last, the deepest catch-all first.
  return routes.sort((a, b) => Number(a.catchAllDepth >= 0) - Number(b.catchAllDepth >= 0) || a.dynamic - b.dynamic || b.catchAllDepth - a.catchAllDepth);
}

function toRoute(file: string, segments: string[]): AppRoute {
  const params: string[] = [];
  const parts = segments.map((s) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(s);
    const single = /^\[(\w+)\]$/.exec(s);
    if (catchAll) return (params.push(`...${catchAll[1]!}`), "(.+)");
    if (single) return (params.push(single[1]!), "([^/]+)");
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  const pattern = `/${segments.join("/")}`;
  return {
    file,
    pattern,
    template: pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}"),
    regex: new RegExp(`^/${parts.join("/")}$`),
    params,
    dynamic: params.length,
    catchAllDepth: segments.findIndex((s) => /^\[\.\.\.\w+\]$/.test(s)),
  };
}

/** Params as Next passes them: a catch-all segment (`[...id]`) is an array of decoded parts. */
export function matchAppRoute(routes: AppRoute[], pathname: string): { route: AppRoute; params: Record<string, string | string[]> } | null {
  for (const route of routes) {
    const m = route.regex.exec(pathname);
    if (!m) continue;
    const params = route.params.map((name, i) =>
      name.startsWith("...") ? [name.slice(3), m[i + 1]!.split("/").map(decodeURIComponent)] : [name, decodeURIComponent(m[i + 1]!)],
    );
    return { route, params: Object.fromEntries(params) };
  }
  return null;
}
