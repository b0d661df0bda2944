// SCIM's own error shape (RFC 7644 §3.12). Okta and Entra read `status` (a string) and
// `scimType`, never our /v1 shape, so /scim/v2 renders every failure through here once.
import { z } from "zod";
import { LatchError } from "@/lib/errors";

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimType = "invalidFilter" | "tooMany" | "uniqueness" | "mutability" | "invalidSyntax" | "invalidPath" | "noTarget" | "invalidValue";

export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export const invalidValue = (detail: string) => new ScimError(400, detail, "invalidValue");
export const invalidFilter = (detail: string) => new ScimError(400, detail, "invalidFilter");
export const invalidPath = (detail: string) => new ScimError(400, detail, "invalidPath");
export const invalidSyntax = (detail: string) => new ScimError(400, detail, "invalidSyntax");
export const uniqueness = (detail: string) => new ScimError(409, detail, "uniqueness");
export const notFound = (what: "User" | "Group" | "Resource") => new ScimError(404, `${what} not found.`);

export type ScimErrorBody = { schemas: [typeof ERROR_SCHEMA]; status: string; scimType?: ScimType; detail: string };

export function scimErrorBody(err: ScimError): ScimErrorBody {
  return { schemas: [ERROR_SCHEMA], status: String(err.status), ...(err.scimType ? { scimType: err.scimType } : {}), detail: err.message };
}

/**
 * Our own errors keep their status and message (they are written for callers); zod names the
 * field; Prisma's unique violation is SCIM's `uniqueness`. Anything else is a bare 500, so no
 * internal message reaches the IdP's provisioning log.
 */
export function toScimError(error: unknown): ScimError {
  if (error instanceof ScimError) return error;
  if (error instanceof z.ZodError) {
    const issue = error.issues[0]!;
    const field = issue.path.map(String).join(".");
    return invalidValue(field ? `Invalid \`${field}\`: ${issue.message}` : issue.message);
  }
  if (error instanceof LatchError) {
    if (error.status === 409) return uniqueness(error.message);
    if (error.status === 400) return invalidValue(error.message);
    if (error.status < 500) return new ScimError(error.status, error.message);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "P2002") return uniqueness("That already exists.");
  if (code === "P2025") return notFound("Resource");
  return new ScimError(500, "Internal error.");
}
