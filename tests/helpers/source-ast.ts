// Static checks over the source tree: list its TypeScript files and walk their syntax trees
// (ESTree, parsed by the bundler vitest already runs on), for rules a linter cannot express.
import fs from "node:fs";
import path from "node:path";
import { parseAst } from "vitest/node";

export type SyntaxNode = { type: string; start: number; [key: string]: unknown };

/** Every .ts/.tsx file at or below `entry`, as paths relative to the working directory. */
export function sourceFiles(entry: string): string[] {
  if (!fs.statSync(entry).isDirectory()) return /\.tsx?$/.test(entry) ? [entry] : [];
  return fs.readdirSync(entry).flatMap((name) => sourceFiles(path.join(entry, name)));
}

export function parseSource(file: string, text: string): { body: SyntaxNode[] } {
  return parseAst(text, { lang: file.endsWith(".tsx") ? "tsx" : "ts" }) as unknown as { body: SyntaxNode[] };
}

/** Visits `node` and everything below it, depth first. */
export function walk(node: SyntaxNode, visit: (n: SyntaxNode) => void): void {
  visit(node);
  for (const value of Object.values(node))
    for (const child of Array.isArray(value) ? value : [value]) if (typeof (child as SyntaxNode | null)?.type === "string") walk(child as SyntaxNode, visit);
}
