// The layer rules (.dependency-cruiser.cjs, `npm run lint:deps`) catch a planted violation of
// each kind, and let the known exceptions through only for the import they name.
import { describe, expect, it } from "vitest";
import { lintDeps } from "@/scripts/lint-deps";

const PLANTED = {
  "lib/db/planted.ts": `import { revokeKey } from "@/lib/keys/revoke";\nexport const x = revokeKey;\n`,
  "lib/gateway/planted.ts": `import { revokeKey } from "@/lib/keys/revoke";\nexport const x = revokeKey;\n`,
  "lib/teams/planted.ts": `import { createGatewayServer } from "@/lib/server/node-http";\nexport const x = createGatewayServer;\n`,
  "lib/keys/planted.ts": `import { redirect } from "next/navigation";\nexport const x = redirect;\n`,
  "lib/usage/planted.ts": `import { openaiAdapter } from "@/lib/providers/openai/index";\nexport const x = openaiAdapter;\n`,
  "lib/clean-planted.ts": `import { db } from "@/lib/db";\nimport { getAdapter } from "@/lib/providers/registry";\nexport const x = [db, getAdapter];\n`,
};

describe("layer rules", () => {
  it("fail on a planted violation of each rule, and only there", { timeout: 240_000 }, async () => {
    const { errors, rules, report } = await lintDeps(Object.keys(PLANTED), PLANTED);
    expect(rules.sort()).toEqual([
      "data-plane-imports-up",
      "domain-imports-edge",
      "next-below-edges",
      "platform-imports-up",
      "provider-specifics-outside-providers",
    ]);
    expect(errors).toBe(5);
    expect(report).toContain("platform-imports-up: lib/db/planted.ts → lib/keys/revoke.ts");
    expect(report).not.toContain("clean-planted");
  });

  it("let a known exception through only for the import it names", { timeout: 240_000 }, async () => {
    const extra = { "lib/policy/limits.ts": `import "@/lib/alerts/check";\nimport "@/lib/keys/revoke";\n` };
    const { rules, report } = await lintDeps(["lib/policy/limits.ts"], extra);
    expect(rules).toEqual(["data-plane-imports-up"]);
    expect(report).toContain("lib/policy/limits.ts → lib/keys/revoke.ts");
    expect(report).not.toContain("→ lib/alerts/check.ts");
  });
});
