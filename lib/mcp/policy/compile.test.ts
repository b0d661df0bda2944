import { describe, expect, it } from "vitest";
import { compileMcpPolicy, strictest, toolVerdict } from "@/lib/mcp/policy/compile";

describe("MCP tool policy", () => {
  const org = compileMcpPolicy("org", { deniedTools: ["github/delete_*"] });
  it("lets deny win over allow, at any level", () => {
    const key = compileMcpPolicy("key", { allowedTools: ["github/*"] });
    expect(toolVerdict([key, org], "github", "create_issue")).toEqual({ ok: true });
    expect(toolVerdict([key, org], "github", "delete_repo")).toEqual({ ok: false, rule: "org.deniedTools" });
  });
  it("requires every allow list to list the tool, matching server/tool or the bare name", () => {
    const key = compileMcpPolicy("key", { allowedTools: ["echo"], allowedServers: ["every*"] });
    expect(toolVerdict([key], "everything", "echo")).toEqual({ ok: true });
    expect(toolVerdict([key], "github", "echo")).toEqual({ ok: false, rule: "key.allowedServers" });
    expect(toolVerdict([key], "everything", "get-sum")).toEqual({ ok: false, rule: "key.allowedTools" });
  });
  it("treats only * as special, so a server glob cannot spill into a longer slug", () => {
    const key = compileMcpPolicy("key", { allowedTools: ["git/*"] });
    expect(toolVerdict([key], "github", "x")).toEqual({ ok: false, rule: "key.allowedTools" });
  });
  it("takes the smallest size limit", () => {
    expect(strictest([compileMcpPolicy("key", { maxResultBytes: 500 }), compileMcpPolicy("org", { maxResultBytes: 100 })], "maxResultBytes")).toEqual({
      limit: 100,
      level: "org",
    });
  });
});
