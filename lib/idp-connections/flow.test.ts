import { randomUUID } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { FLOW_COOKIE, openTicket, resolveFlow, runInFlow, sealTicket, type ActiveFlow } from "@/lib/idp-connections/flow";
import { orgIdpProvider } from "@/lib/idp-connections/provider";
import { encryptSecret } from "@/lib/security/secret-box";

const ticket = { connectionId: "conn_1", mode: "sign-in" as const, exp: Date.now() + 60_000 };

describe("flow ticket", () => {
  it("round-trips and refuses tampering, expiry and junk", () => {
    const sealed = sealTicket(ticket);
    expect(openTicket(sealed)).toEqual(ticket);
    const [body, mac] = sealed.split(".");
    const forged = Buffer.from(JSON.stringify({ ...ticket, mode: "test", userId: "someone" })).toString("base64url");
    expect(openTicket(`${forged}.${mac}`)).toBeNull();
    expect(openTicket(`${body}.${mac!.slice(0, -2)}xx`)).toBeNull();
    expect(openTicket(sealTicket({ ...ticket, exp: Date.now() - 1 }))).toBeNull();
    expect(openTicket(undefined)).toBeNull();
    expect(openTicket("a.b.c")).toBeNull();
  });
});

describe("resolveFlow", () => {
  it("loads the connection named by the cookie, on the org-idp callback only", async () => {
    const org = await db.organization.create({ data: { slug: `f-${randomUUID().slice(0, 8)}`, name: "F" } });
    const conn = await db.idpConnection.create({
      data: {
        orgId: org.id,
        kind: "entra",
        issuer: "https://login.example.test/t/v2.0",
        clientId: "c",
        encryptedSecret: encryptSecret("shh"),
        domains: ["f.test"],
      },
    });
    const cookie = `${FLOW_COOKIE}=${sealTicket({ connectionId: conn.id, mode: "test", userId: "u1", exp: Date.now() + 60_000 })}`;
    const req = (path: string, withCookie = true) => new NextRequest(`http://localhost:3000${path}`, { headers: withCookie ? { cookie } : {} });

    expect(await resolveFlow(req("/api/auth/callback/org-idp?code=x&state=y"))).toMatchObject({
      mode: "test",
      userId: "u1",
      connection: { id: conn.id, orgId: org.id, kind: "entra", clientSecret: "shh" },
    });
    expect(await resolveFlow(req("/api/auth/callback/okta"))).toBeNull();
    expect(await resolveFlow(req("/api/auth/session"))).toBeNull();
    expect(await resolveFlow(req("/api/auth/callback/org-idp", false))).toBeNull();
  });

  it("inside a server action, takes the connection from the running flow", async () => {
    const flow = { mode: "sign-in", connection: { id: "c1", kind: "oidc" } } as unknown as ActiveFlow;
    expect(await resolveFlow(undefined)).toBeNull();
    expect(await runInFlow(flow, () => resolveFlow(undefined))).toBe(flow);
  });
});

describe("orgIdpProvider", () => {
  const base = {
    id: "c",
    orgId: "o",
    issuer: "https://idp.test",
    clientId: "id",
    clientSecret: "s",
    domains: [],
    groupRoleMappings: {},
    status: "enabled" as const,
  };
  const idOf = (p: ReturnType<typeof orgIdpProvider>) => {
    const c = typeof p === "function" ? p() : p;
    return (c as { options?: { id?: string } }).options?.id ?? c.id;
  };

  it("registers every kind under the one shared id and callback", () => {
    for (const kind of ["oidc", "okta", "entra"] as const) expect(idOf(orgIdpProvider({ ...base, kind }))).toBe("org-idp");
  });
});
