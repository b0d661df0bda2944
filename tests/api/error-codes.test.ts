// The error-code catalog is closed and consistent, and the docs and OpenAPI document show it as is.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ERROR_CATALOG } from "@/lib/error-codes";
import { ERROR_TYPES, InvalidRequestError, NotFoundError, PermissionError, RateLimitError } from "@/lib/errors";
import { errorCodeTable, withErrorCodeTable } from "@/lib/api/error-table";
import { buildOpenApiDocument } from "@/lib/api/openapi";

const TYPE_BY_STATUS: Record<number, string> = { 401: "authentication_error", 403: "permission_error", 404: "not_found_error" };

describe("error codes", () => {
  it("each has a known type that fits its status, and a message", () => {
    for (const [code, spec] of Object.entries(ERROR_CATALOG)) {
      expect(ERROR_TYPES, code).toContain(spec.type);
      expect(spec.status, code).toBeGreaterThanOrEqual(400);
      expect(spec.status, code).toBeLessThan(600);
      if (TYPE_BY_STATUS[spec.status]) expect(spec.type, code).toBe(TYPE_BY_STATUS[spec.status]);
      if (spec.status >= 500) expect(spec.type, code).toBe("server_error");
      expect(spec.message.length, code).toBeGreaterThan(5);
    }
  });

  it("the classes send what the catalog says for their codes", () => {
    expect(new PermissionError("model_not_allowed", "x")).toMatchObject({
      status: ERROR_CATALOG.model_not_allowed.status,
      type: ERROR_CATALOG.model_not_allowed.type,
    });
    expect(new NotFoundError("key_not_found", "x")).toMatchObject({ status: 404, type: ERROR_CATALOG.key_not_found.type });
    expect(new RateLimitError("rate_limit_exceeded", "x", 1)).toMatchObject({ status: 429, retryable: ERROR_CATALOG.rate_limit_exceeded.retryable });
    expect(new InvalidRequestError("x")).toMatchObject({ status: 400, code: "invalid_request_error" });
  });

  it("docs/api.md carries the current table (npm run docs:errors rewrites it)", () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/api.md"), "utf8");
    expect(withErrorCodeTable(doc)).toBe(doc);
  });

  it("the OpenAPI document's description carries it too", () => {
    expect(buildOpenApiDocument().info.description).toContain(errorCodeTable());
  });
});
