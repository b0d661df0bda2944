// The wrapper every /scim/v2 route uses: bearer-token auth, the audit origin, JSON in, SCIM JSON
// out, and errors in SCIM's shape. Kept apart from managementRoute because IdPs parse SCIM's
// error body and content type, not our /v1 ones.
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { withRequestOrigin } from "@/lib/audit/context";
import { originFromHeaders } from "@/lib/auth/request-origin";
import { authenticateManagementToken } from "@/lib/management-tokens/authenticate";
import { logError } from "@/lib/log";
import { invalidSyntax, notFound, scimErrorBody, toScimError } from "@/lib/scim/errors";

const SCIM_CONTENT_TYPE = "application/scim+json";

/** From APP_URL, not the Host header: behind a load balancer the request's own origin is internal (or forged). */
const BASE = `${env.APP_URL.replace(/\/+$/, "")}/scim/v2`;

export type ScimRequest = {
  actor: Actor;
  url: URL;
  /** Absolute base of this service, for `meta.location` and `Location`. */
  base: string;
  id: string;
  body: () => Promise<unknown>;
};
export type ScimReply = { status: number; body?: unknown; headers?: Record<string, string> };

type NextContext = { params: Promise<Record<string, string | string[]>> };

/**
 * SCIM tokens are management tokens with the `scim` scope: hashed, shown once, revocable, and
 * refused by the proxy. The permission table decides, so an admin-scope token works too.
 */
async function authenticateScim(headers: Headers): Promise<Actor> {
  const actor = await authenticateManagementToken(headers);
  requirePermission(actor, "scim.provision");
  return actor;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (!text.trim()) throw invalidSyntax("The request body is empty.");
  try {
    return JSON.parse(text);
  } catch {
    throw invalidSyntax("The request body is not valid JSON.");
  }
}

export function scimRoute(handler: (req: ScimRequest) => Promise<ScimReply>) {
  return async (request: Request, context?: NextContext): Promise<Response> => {
    try {
      // Authenticate before reading anything else, so an unauthenticated caller learns nothing.
      const actor = await authenticateScim(request.headers);
      const url = new URL(request.url);
      const params = (await context?.params) ?? {};
      if (params.id !== undefined && typeof params.id !== "string") throw notFound("Resource");
      const reply = await withRequestOrigin(originFromHeaders(request.headers), () =>
        handler({ actor, url, base: BASE, id: typeof params.id === "string" ? params.id : "", body: () => readJson(request) }),
      );
      return respond(reply.status, reply.body, reply.headers);
    } catch (error) {
      return fail(request, error);
    }
  };
}

/** Discovery documents are the same for everyone and reveal nothing, so IdPs may read them unauthenticated. */
export function scimPublicRoute(document: (base: string) => unknown) {
  return async (request: Request): Promise<Response> => {
    try {
      return respond(200, document(BASE));
    } catch (error) {
      return fail(request, error);
    }
  };
}

function fail(request: Request, error: unknown): Response {
  const err = toScimError(error);
  if (err.status >= 500) logError("scim request failed", error, { requestId: `scim_${randomUUID()}`, path: new URL(request.url).pathname });
  return respond(err.status, scimErrorBody(err), err.status === 401 ? { "www-authenticate": 'Bearer realm="scim"' } : {});
}

function respond(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 || body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "content-type": SCIM_CONTENT_TYPE, "cache-control": "no-store", ...headers },
  });
}
