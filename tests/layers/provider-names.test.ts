// Provider specifics stay in lib/providers: no code elsewhere compares a value against a
// provider's id (`provider === "bedrock"`, `case "vertex":`, `{ not: "mock" }`); it asks the
// adapter through lib/providers/registry.ts instead. The wire *format* has names of its own.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { providerIds } from "@/lib/providers/registry";
import { parseSource, sourceFiles, type SyntaxNode as Node, walk } from "@/tests/helpers/source-ast";

const ROOTS = ["lib", "app", "scripts", "server.ts"];
const OUTSIDE = (file: string) => !file.startsWith("lib/providers/") && !/\.test\.tsx?$/.test(file) && !file.startsWith("lib/generated/");
const IDS = new Set<string>(providerIds);

const providerLiteral = (n: unknown): string | null => {
  const node = n as Node | null;
  return node?.type === "Literal" && typeof node.value === "string" && IDS.has(node.value) ? node.value : null;
};

function providerComparisons(file: string, text: string): string[] {
  const found: string[] = [];
  const lineOf = (at: number) => text.slice(0, at).split("\n").length;
  for (const statement of parseSource(file, text).body)
    walk(statement, (n) => {
      const compared =
        n.type === "BinaryExpression" && ["===", "!==", "==", "!="].includes(n.operator as string)
          ? (providerLiteral(n.left) ?? providerLiteral(n.right))
          : n.type === "SwitchCase"
            ? providerLiteral(n.test)
            : n.type === "Property" && ["not", "equals"].includes(((n.key as Node).name as string) ?? "")
              ? providerLiteral(n.value)
              : null;
      if (compared) found.push(`${file}:${lineOf(n.start)} compares with "${compared}"`);
    });
  return found;
}

describe("provider names", () => {
  it("are compared only inside lib/providers", () => {
    const files = ROOTS.flatMap(sourceFiles).filter(OUTSIDE);
    expect(files.length).toBeGreaterThan(300);
    expect(files.flatMap((f) => providerComparisons(f, fs.readFileSync(f, "utf8")))).toEqual([]);
  });

  it("catch a planted comparison of each kind, and not the wire format's names", () => {
    const planted = [
      'export const isAws = (provider: string) => provider === "bedrock";',
      'export function label(p: string) { switch (p) { case "vertex": return 1; default: return 0; } }',
      'export const where = { provider: { not: "mock" } };',
      'export const anthropicFormat = (format: string) => format === "anthropic-api" || format !== "openai-api";',
    ].join("\n");
    expect(providerComparisons("lib/credentials/planted.ts", planted)).toEqual([
      'lib/credentials/planted.ts:1 compares with "bedrock"',
      'lib/credentials/planted.ts:2 compares with "vertex"',
      'lib/credentials/planted.ts:3 compares with "mock"',
    ]);
  });
});
