// The two PATCH dialects reduce to one form: Okta's path-less objects, Entra's capitalised ops,
// dotted keys, filtered paths and string booleans.
import { describe, expect, it } from "vitest";
import { parsePatch, parsePath, toBoolean } from "@/lib/scim/patch";
import { parseFilter } from "@/lib/scim/filter";
import { patchUser, resolveUser, type UserState } from "@/lib/scim/user-input";
import { patchGroup } from "@/lib/scim/group-input";

const base: UserState = {
  userName: "ada@corp.test",
  externalId: null,
  email: "ada@corp.test",
  displayName: "Ada",
  givenName: null,
  familyName: null,
  formatted: null,
  active: true,
};

describe("parsing", () => {
  it("reads paths with or without the core URN, keeping filter values' case", () => {
    expect(parsePath('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "Work"].Value')).toEqual({
      attr: "emails",
      filter: [{ attr: "type", value: "Work" }],
      sub: "value",
    });
    expect(parsePath('members[value eq "AbC"]')).toEqual({ attr: "members", filter: [{ attr: "value", value: "AbC" }], sub: null });
    expect(parsePath("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department").attr).toMatch(/^urn:/);
  });

  it("parses `eq` joined by `and`, with escaped quotes and literals", () => {
    expect(parseFilter('userName Eq "a\\"b" AND active eq TRUE')).toEqual([
      { attr: "username", value: 'a"b' },
      { attr: "active", value: true },
    ]);
  });

  it("splits a path-less object into one op per attribute, flattening `name`", () => {
    const ops = parsePatch({ Operations: [{ op: "Replace", value: { active: false, "name.givenName": "Ada", name: { familyName: "Lovelace" } } }] });
    expect(ops.map((o) => [o.op, o.path?.attr, o.path?.sub, o.value])).toEqual([
      ["replace", "active", null, false],
      ["replace", "name", "givenname", "Ada"],
      ["replace", "name", "familyname", "Lovelace"],
    ]);
  });

  it("accepts Entra's string booleans only when they are booleans", () => {
    expect([toBoolean("False", "active"), toBoolean("true", "active"), toBoolean(true, "active")]).toEqual([false, true, true]);
    expect(() => toBoolean("no", "active")).toThrow();
  });
});

describe("applying", () => {
  it("updates users from either dialect", () => {
    const next = patchUser(
      base,
      parsePatch({
        Operations: [
          { op: "Add", path: 'emails[type eq "work"].value', value: "ada.l@corp.test" },
          { op: "Replace", path: "displayName", value: "Ada L." },
          { op: "replace", path: "active", value: "False" },
          { op: "Replace", path: "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", value: "x" },
        ],
      }),
    );
    expect(resolveUser(next)).toEqual({ userName: "ada@corp.test", externalId: null, email: "ada.l@corp.test", name: "Ada L.", active: false });
  });

  it("changes group members in Okta's and Entra's forms", () => {
    const group = { displayName: "Eng", externalId: null, members: new Set(["a", "b", "c"]) };
    const okta = patchGroup(
      group,
      parsePatch({
        Operations: [
          { op: "remove", path: 'members[value eq "a"]' },
          { op: "add", path: "members", value: [{ value: "d", display: "d@x" }] },
        ],
      }),
    );
    expect([...okta.members]).toEqual(["b", "c", "d"]);
    const entra = patchGroup(group, parsePatch({ Operations: [{ op: "Remove", path: "members", value: [{ $ref: null, value: "b" }] }] }));
    expect([...entra.members]).toEqual(["a", "c"]);
    expect(patchGroup(group, parsePatch({ Operations: [{ op: "remove", path: "members" }] })).members.size).toBe(0);
    expect(group.members.size).toBe(3);
  });
});
