import { describe, expect, it } from "vitest";
import { mappingsFromText, mappingsToText, parseMappings, roleForGroups } from "@/lib/auth/group-roles";

describe("group → role mapping", () => {
  const m = { "latch-admins": "admin", "latch-approvers": "approver", eng: "developer" } as const;

  it("picks the most privileged matching role, or none", () => {
    expect(roleForGroups(m, ["eng", "latch-approvers"])).toBe("approver");
    expect(roleForGroups(m, ["latch-approvers", "latch-admins"])).toBe("admin");
    expect(roleForGroups(m, ["eng"])).toBe("developer");
    expect(roleForGroups(m, ["Latch-Admins", "sales"])).toBeNull();
    expect(roleForGroups({}, ["eng"])).toBeNull();
  });

  it("reads stored mappings tolerantly and text strictly", () => {
    expect(parseMappings({ a: "admin", b: "root", c: 3 })).toEqual({ a: "admin" });
    expect(parseMappings(null)).toEqual({});
    expect(parseMappings(["admin"])).toEqual({});
    expect(mappingsFromText(mappingsToText(m))).toEqual(m);
    expect(mappingsFromText("CN=Latch Admins,OU=Groups = Admin")).toEqual({ "CN=Latch Admins,OU=Groups": "admin" });
    expect(() => mappingsFromText("= admin")).toThrow(/not "group = /);
    expect(() => mappingsFromText("ops = superuser")).toThrow();
  });
});
