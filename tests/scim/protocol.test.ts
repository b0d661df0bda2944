// The SCIM service itself: discovery, token auth and tenant scoping, filters, pagination, the
// error shape, PATCH atomicity, group edge cases, the suspend setting, and the proxy.ts matcher.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { config } from "@/proxy";
import { createKey } from "@/lib/keys/create";
import { resumeKey } from "@/lib/keys/resume";
import { createManagementToken } from "@/lib/management-tokens/create";
import { revokeManagementToken } from "@/lib/management-tokens/revoke";
import { setMemberRole } from "@/lib/members/set-role";
import { getScimSetup, setDeprovisionAction } from "@/lib/scim/settings";
import { callProxy, scimClient, startScimOrg } from "@/tests/helpers/scim";

const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
let a: Awaited<ReturnType<typeof startScimOrg>>;
let b: Awaited<ReturnType<typeof startScimOrg>>;

beforeAll(async () => {
  a = await startScimOrg({ mappings: { "latch-admins": "admin" } });
  b = await startScimOrg();
});
afterAll(async () => Promise.all([a.server.close(), b.server.close()]));

const user = (name: string, domain: string, extra: Record<string, unknown> = {}) => ({
  schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
  userName: `${name}@${domain}`,
  ...extra,
});
const scimError = (status: number, scimType?: string) => ({
  schemas: [ERROR],
  status: String(status),
  ...(scimType ? { scimType } : {}),
  detail: expect.any(String),
});

describe("discovery and auth", () => {
  it("serves the discovery documents as application/scim+json, without a token", async () => {
    const anon = scimClient(a.server.url, null);
    const spc = await anon("GET", "/ServiceProviderConfig");
    expect(spc.status).toBe(200);
    expect(spc.headers.get("content-type")).toBe("application/scim+json");
    expect(spc.body).toMatchObject({ patch: { supported: true }, filter: { supported: true }, bulk: { supported: false }, etag: { supported: false } });
    expect((await anon("GET", "/ResourceTypes")).body.Resources?.map((r) => r.id)).toEqual(["User", "Group"]);
    expect((await anon("GET", "/Schemas")).body.Resources?.map((r) => r.name)).toEqual(["User", "Group"]);
  });

  it("answers 401/403 in SCIM's error shape for missing, wrong, under-scoped and revoked tokens", async () => {
    const missing = await scimClient(a.server.url, null)("GET", "/Users");
    expect(missing).toMatchObject({ status: 401, body: scimError(401) });
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");
    const virtualKey = (await a.t.key()).secret;
    expect((await scimClient(a.server.url, virtualKey)("GET", "/Users")).status).toBe(401);
    const keysOnly = await createManagementToken({ actor: a.t.adminActor, input: { name: "ci", scopes: ["keys:read"] } });
    expect(await scimClient(a.server.url, keysOnly.secret)("GET", "/Users")).toMatchObject({ status: 403, body: scimError(403) });
    const revoked = await createManagementToken({ actor: a.t.adminActor, input: { name: "old okta", scopes: ["scim"] } });
    await revokeManagementToken({ actor: a.t.adminActor, tokenId: revoked.token.id });
    expect((await scimClient(a.server.url, revoked.secret)("GET", "/Users")).status).toBe(401);
  });

  it("keeps a SCIM token off the management API, and only admins may mint one", async () => {
    const res = await fetch(`${a.server.url}/v1/keys`, { headers: { authorization: `Bearer ${a.secret}` } });
    expect(res.status).toBe(403);
    await expect(createManagementToken({ actor: a.t.developerActor, input: { name: "x", scopes: ["scim"] } })).rejects.toMatchObject({ status: 403 });
  });

  it("scopes everything to the token's org", async () => {
    const mine = await a.scim("POST", "/Users", user("iso", a.domain));
    expect((await b.scim("GET", `/Users/${mine.body.id}`)).status).toBe(404);
    expect((await b.scim("PATCH", `/Users/${mine.body.id}`, { Operations: [{ op: "replace", value: { active: false } }] })).status).toBe(404);
    expect((await b.scim("GET", `/Users?filter=userName eq "iso@${a.domain}"`)).body.totalResults).toBe(0);
    // Another org's domain is not this org's to provision.
    expect(await b.scim("POST", "/Users", user("intruder", a.domain))).toMatchObject({ status: 400, body: scimError(400, "invalidValue") });
  });

  it("leaves /scim out of the proxy.ts matcher (IdPs carry no session cookie), portal pages in", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    expect(["/scim/v2/Users", "/scim/v2/ServiceProviderConfig", "/v1/keys"].filter((p) => matcher.test(p))).toEqual([]);
    expect(matcher.test("/keys")).toBe(true);
  });
});

describe("users", () => {
  it("filters by userName (case-insensitively), externalId and `and`; pages with startIndex and count", async () => {
    for (const n of ["pam", "quinn", "rosa"]) expect((await a.scim("POST", "/Users", user(n, a.domain, { externalId: `ext-${n}` }))).status).toBe(201);
    const q = async (query: string) => (await a.scim("GET", `/Users?${query}`)).body;
    expect((await q(`filter=userName eq "PAM@${a.domain.toUpperCase()}"`)).Resources?.map((r) => r.userName)).toEqual([`pam@${a.domain}`]);
    expect((await q(`filter=externalId eq "ext-quinn" and active eq true`)).totalResults).toBe(1);
    // Members who were there before SCIM are found by their email.
    expect((await q(`filter=userName eq "${a.t.admin.email}"`)).totalResults).toBe(1);
    const all = await q("count=200");
    const page = await q("startIndex=2&count=1");
    expect(page).toMatchObject({ totalResults: all.totalResults, startIndex: 2, itemsPerPage: 1 });
    expect(page.Resources?.[0]?.id).toBe(all.Resources?.[1]?.id);
    expect(await q("count=0")).toMatchObject({ totalResults: all.totalResults, Resources: [] });
    for (const bad of ['userName co "pam"', 'userName eq "a" or userName eq "b"', '(userName eq "a")', 'title eq "x"', 'userName eq "open'])
      expect(await a.scim("GET", `/Users?filter=${encodeURIComponent(bad)}`), bad).toMatchObject({ status: 400, body: scimError(400, "invalidFilter") });
  });

  it("returns 201 with Location, and SCIM errors for bad input and duplicates", async () => {
    const created = await a.scim("POST", "/Users", user("sam", a.domain, { emails: [{ value: `sam.smith@${a.domain}`, primary: "True" }] }));
    expect(created).toMatchObject({
      status: 201,
      body: { userName: `sam@${a.domain}`, emails: [{ value: `sam.smith@${a.domain}` }], active: true, roles: [{ value: "developer" }] },
    });
    expect(created.headers.get("location")).toBe(`${env.APP_URL.replace(/\/+$/, "")}/scim/v2/Users/${created.body.id}`);
    expect(await a.scim("POST", "/Users", user("SAM", a.domain))).toMatchObject({ status: 409, body: scimError(409, "uniqueness") });
    expect(await a.scim("POST", "/Users", { userName: "" })).toMatchObject({ status: 400, body: scimError(400, "invalidValue") });
    expect(await a.scim("POST", "/Users", "{not json")).toMatchObject({ status: 400, body: scimError(400, "invalidSyntax") });
    expect(await a.scim("POST", "/Users", { userName: "no-email-here" })).toMatchObject({ status: 400, body: scimError(400, "invalidValue") });
    expect(await a.scim("GET", "/Users/nope")).toMatchObject({ status: 404, body: scimError(404) });
  });

  it("applies a PATCH all or nothing", async () => {
    const { body } = await a.scim("POST", "/Users", user("tess", a.domain, { displayName: "Tess" }));
    const ops = [
      { op: "replace", path: "displayName", value: "Changed" },
      { op: "move", path: "active", value: false },
    ];
    expect(await a.scim("PATCH", `/Users/${body.id}`, { schemas: [PATCH], Operations: ops })).toMatchObject({
      status: 400,
      body: scimError(400, "invalidSyntax"),
    });
    expect(await a.scim("PATCH", `/Users/${body.id}`, { Operations: [{ op: "replace", path: 'emails[type eq "work".value', value: "x" }] })).toMatchObject({
      status: 400,
    });
    expect((await a.scim("GET", `/Users/${body.id}`)).body.displayName).toBe("Tess");
  });

  it("deletes a user for good, and a later POST restores the same person", async () => {
    const { body } = await a.scim("POST", "/Users", user("uma", a.domain));
    expect((await a.scim("DELETE", `/Users/${body.id}`)).status).toBe(204);
    expect((await a.scim("GET", `/Users/${body.id}`)).status).toBe(404);
    expect((await a.scim("DELETE", `/Users/${body.id}`)).status).toBe(404);
    const again = await a.scim("POST", "/Users", user("uma", a.domain));
    expect(again).toMatchObject({ status: 201, body: { id: body.id, active: true } });
  });
});

describe("groups", () => {
  it("refuses duplicate names and unknown members; PUT replaces members; excludedAttributes=members", async () => {
    const pam = (await a.scim("GET", `/Users?filter=userName eq "pam@${a.domain}"`)).body.Resources![0]!.id as string;
    const g = await a.scim("POST", "/Groups", { displayName: "Design", members: [{ value: pam }] });
    expect(g).toMatchObject({ status: 201, body: { displayName: "Design", members: [{ value: pam }] } });
    expect(await a.scim("POST", "/Groups", { displayName: "design" })).toMatchObject({ status: 409, body: scimError(409, "uniqueness") });
    expect(await a.scim("PATCH", `/Groups/${g.body.id}`, { Operations: [{ op: "add", path: "members", value: [{ value: b.t.admin.id }] }] })).toMatchObject({
      status: 400,
      body: scimError(400, "invalidValue"),
    });
    const put = await a.scim("PUT", `/Groups/${g.body.id}`, { displayName: "Design", members: [{ value: a.t.developer.id }] });
    expect(put.body.members).toEqual([expect.objectContaining({ value: a.t.developer.id })]);
    expect((await a.scim("GET", `/Groups/${g.body.id}?excludedAttributes=members`)).body).not.toHaveProperty("members");
  });

  it("leaves an admin-set role alone for unmapped groups; deleting a group keeps its keys working", async () => {
    await setMemberRole({ actor: a.t.adminActor, input: { userId: a.t.developer.id, role: "approver" } });
    const g = await a.scim("POST", "/Groups", { displayName: "Writers", members: [{ value: a.t.developer.id }] });
    expect((await db.membership.findFirstOrThrow({ where: { orgId: a.t.org.id, userId: a.t.developer.id } })).role).toBe("approver");
    const key = await createKey({ actor: a.t.adminActor, input: { name: "writers bot", ownerUserId: null, teamId: g.body.id as string } });
    expect((await a.scim("DELETE", `/Groups/${g.body.id}`)).status).toBe(204);
    expect((await a.scim("GET", `/Groups/${g.body.id}`)).status).toBe(404);
    expect(await callProxy(a.server.url, key.secret)).toEqual({ status: 200, code: null });
  });
});

describe("the suspend setting", () => {
  it("suspends a leaver's keys (403 key_suspended) so an admin can resume them once the person is back", async () => {
    await expect(setDeprovisionAction({ actor: b.t.developerActor, input: { deprovisionAction: "suspend" } })).rejects.toMatchObject({ status: 403 });
    await setDeprovisionAction({ actor: b.t.adminActor, input: { deprovisionAction: "suspend" } });
    const { body } = await b.scim("POST", "/Users", user("vic", b.domain));
    const key = await createKey({ actor: b.t.adminActor, input: { name: "vic", ownerUserId: body.id as string } });
    await b.scim("PATCH", `/Users/${body.id}`, { Operations: [{ op: "Replace", path: "active", value: "False" }] });
    expect(await callProxy(b.server.url, key.secret)).toEqual({ status: 403, code: "key_suspended" });
    expect((await getScimSetup({ actor: b.t.adminActor })).suspendedKeys.map((k) => k.id)).toEqual([key.id]);
    await expect(resumeKey({ actor: b.t.adminActor, keyId: key.id })).rejects.toMatchObject({ code: "owner_inactive" });
    await b.scim("PATCH", `/Users/${body.id}`, { Operations: [{ op: "Replace", path: "active", value: "True" }] });
    // Coming back does not bring keys back by itself: resuming is an admin's decision.
    expect(await callProxy(b.server.url, key.secret)).toEqual({ status: 403, code: "key_suspended" });
    await expect(resumeKey({ actor: b.t.developerActor, keyId: key.id })).rejects.toMatchObject({ status: 403 });
    await resumeKey({ actor: b.t.adminActor, keyId: key.id });
    expect(await callProxy(b.server.url, key.secret)).toEqual({ status: 200, code: null });
    const actions = (await db.auditEvent.findMany({ where: { orgId: b.t.org.id, targetId: key.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["key.suspended", "key.resumed"]));
  });
});
