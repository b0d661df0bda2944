// Every exported server action under app/ reaches the actor-action wrapper (runActorAction or
// withActor, lib/actions/actor-action.ts), directly or through a helper in its own file, so its
// audit entries carry the caller's IP. Sign-in is the one exemption: it has no actor yet.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSource, sourceFiles, type SyntaxNode as Node, walk } from "@/tests/helpers/source-ast";

const WRAPPERS = new Set(["runActorAction", "withActor"]);
const SELF_READS = new Set(["requireActor", "requireAdminPage"]);
const EXEMPT = new Set(["app/(auth)/actions.ts"]);

const isUseServer = (s: Node) => s.type === "ExpressionStatement" && s.directive === "use server";

/** The exported actions of a "use server" file that never call a wrapper, and inline "use server" bodies. */
function unwrappedActions(file: string, text: string): string[] {
  const program = parseSource(file, text);
  const problems: string[] = [];
  const fileLevel = program.body.length > 0 && isUseServer(program.body[0]!);
  for (const s of program.body) {
    walk(s, (n) => {
      if (n.type === "BlockStatement" && (n.body as Node[]).some(isUseServer)) problems.push(`${file}: inline "use server" (move it to an actions file)`);
    });
  }
  if (!fileLevel) return problems;
  for (const s of program.body) {
    walk(s, (n) => {
      const callee = n.type === "CallExpression" ? (n.callee as Node) : null;
      if (callee?.type === "Identifier" && SELF_READS.has(callee.name as string))
        problems.push(`${file}: calls ${callee.name} itself (the wrapper reads the actor)`);
    });
  }

  const locals = new Map<string, Node>();
  const exported: [string, Node][] = [];
  const declare = (decl: Node, isExported: boolean) => {
    const named: [string, Node][] =
      decl.type === "FunctionDeclaration"
        ? [[(decl.id as { name: string }).name, decl]]
        : decl.type === "VariableDeclaration"
          ? (decl.declarations as Node[]).flatMap((d) =>
              (d.id as Node).type === "Identifier" && d.init ? [[(d.id as { name: string }).name, d.init as Node]] : [],
            )
          : [];
    for (const [name, node] of named) {
      locals.set(name, node);
      if (isExported) exported.push([name, node]);
    }
  };
  for (const s of program.body) {
    if (s.type === "ExportNamedDeclaration" && s.declaration) declare(s.declaration as Node, true);
    else if (s.type === "ExportNamedDeclaration" || s.type === "ExportDefaultDeclaration" || s.type === "ExportAllDeclaration") {
      if (s.exportKind !== "type") problems.push(`${file}: re-exports cannot be checked; export the action's own function`);
    } else declare(s, false);
  }
  const reaches = (node: Node, seen: Set<string>): boolean => {
    let found = false;
    walk(node, (n) => {
      const callee = n.type === "CallExpression" ? (n.callee as Node) : null;
      if (found || callee?.type !== "Identifier") return;
      const name = callee.name as string;
      if (WRAPPERS.has(name)) found = true;
      else if (locals.has(name) && !seen.has(name)) found = reaches(locals.get(name)!, new Set(seen).add(name));
    });
    return found;
  };
  for (const [name, node] of exported) if (!reaches(node, new Set([name]))) problems.push(`${file}: ${name} does not go through runActorAction or withActor`);
  return problems;
}

describe("server actions", () => {
  it("all go through the actor-action wrapper (sign-in excepted)", () => {
    const files = sourceFiles("app");
    const actionFiles = files.filter((f) => fs.readFileSync(f, "utf8").includes("use server"));
    expect(actionFiles.length).toBeGreaterThan(10);
    const problems = actionFiles.filter((f) => !EXEMPT.has(f)).flatMap((f) => unwrappedActions(f, fs.readFileSync(f, "utf8")));
    expect(problems).toEqual([]);
  });

  it("catch a planted action that skips the wrapper, directly or through a helper", () => {
    const planted = `"use server";
import { requireActor } from "@/lib/auth/session";
import { runActorAction, withActor } from "@/lib/actions/actor-action";
async function helper() { return withActor(async () => null); }
async function bare() { return requireActor(); }
export async function good(): Promise<void> { await runActorAction(async () => null); }
export async function viaHelper(): Promise<void> { await helper(); }
export async function skips(): Promise<void> { await bare(); }
export const arrow = async () => requireActor();
`;
    expect(unwrappedActions("app/planted/actions.ts", planted)).toEqual([
      "app/planted/actions.ts: calls requireActor itself (the wrapper reads the actor)",
      "app/planted/actions.ts: calls requireActor itself (the wrapper reads the actor)",
      "app/planted/actions.ts: skips does not go through runActorAction or withActor",
      "app/planted/actions.ts: arrow does not go through runActorAction or withActor",
    ]);
    const inline = `export default function Page() { async function act() { "use server"; } return act; }\n`;
    expect(unwrappedActions("app/planted/page.tsx", inline)).toEqual(['app/planted/page.tsx: inline "use server" (move it to an actions file)']);
  });
});
