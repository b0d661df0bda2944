// Role checks go through the one permission table (lib/auth/permissions.ts): no other source
// file compares a role with a role name, so a new role or permission cannot be missed somewhere.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const ALLOWED = new Set(["lib/auth/permissions.ts"]);
// The data plane speaks of chat message roles ("developer" is an OpenAI message role), not people's.
const MESSAGE_ROLES = ["lib/providers/", "lib/gateway/", "lib/server/"];
const COMPARISON = /\brole\s*[!=]==?\s*["'`](admin|approver|developer)["'`]|["'`](admin|approver|developer)["'`]\s*[!=]==?\s*[\w.?]*\brole\b/;

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    if (name === "generated" || name === "node_modules" || name.startsWith(".")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* sources(full);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield full;
  }
}

describe("role checks", () => {
  it("compare role names only in the permission table", () => {
    const offenders = ["app", "components", "lib"].flatMap((dir) =>
      [...sources(path.join(ROOT, dir))]
        .map((file) => path.relative(ROOT, file))
        .filter((file) => !ALLOWED.has(file) && !MESSAGE_ROLES.some((dir) => file.startsWith(dir)))
        .filter((file) =>
          readFileSync(path.join(ROOT, file), "utf8")
            .split("\n")
            .some((line) => COMPARISON.test(line)),
        ),
    );
    expect(offenders).toEqual([]);
  });
});
