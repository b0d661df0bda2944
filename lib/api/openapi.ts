// The OpenAPI 3.1 document, generated from the registry and its zod schemas (never written by hand).
import { z } from "zod";
import { SCOPE_PERMISSIONS, TOKEN_SCOPES, type Action, type TokenScope } from "@/lib/auth/permissions";
import { pathParamNames } from "@/lib/api/operation";
import { OPERATIONS } from "@/lib/api/registry";
import { ErrorBody } from "@/lib/api/serializers/common";
import { errorCodeTable } from "@/lib/api/error-table";

type JsonSchema = { [key: string]: unknown };

/** The token scopes that grant a permission; `admin` always does. */
export const scopesFor = (permission: Action): TokenScope[] => TOKEN_SCOPES.filter((scope) => SCOPE_PERMISSIONS[scope].includes(permission));

/** Request bodies are described as clients send them (defaults optional), responses as we send them. */
export function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any" }) as JsonSchema;
  return json;
}

const DESCRIPTION = [
  "Manage Latch virtual keys, provider credentials, model routes, prices, management tokens, teams, members and key requests.",
  "Authenticate with `Authorization: Bearer <management token>`; virtual API keys are refused here.",
  'Lists are `{object: "list", data, has_more, next_cursor}`: pass `next_cursor` as `after` for the next page.',
  "Errors are `{error: {message, type, code, param}}`. POSTs honour an `Idempotency-Key` header for 24 hours.",
  `Error codes:\n\n${errorCodeTable()}`,
].join("\n\n");

export function buildOpenApiDocument(serverUrl?: string) {
  const schemas: Record<string, JsonSchema> = {};
  /** Titled schemas become components, so SDK generators get named types. */
  const schemaRef = (schema: z.ZodType, io: "input" | "output"): JsonSchema => {
    const json = jsonSchemaOf(schema, io);
    if (typeof json.title !== "string") return json;
    schemas[json.title] = json;
    return { $ref: `#/components/schemas/${json.title}` };
  };
  const errorRef = schemaRef(ErrorBody, "output");

  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const scopes = scopesFor(op.permission);
    const parameters = [
      ...pathParamNames(op.path).map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      ...(op.query ? queryParameters(op.query) : []),
      ...(op.method === "POST"
        ? [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Retries with the same key replay the first response.",
              schema: { type: "string", maxLength: 255 },
            },
          ]
        : []),
    ];
    const body = op.body ? jsonSchemaOf(op.body, "input") : null;
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.id,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, `Scopes: ${scopes.map((s) => `\`${s}\``).join(" or ")}.`].filter(Boolean).join("\n\n"),
      "x-latch-scopes": scopes,
      ...(parameters.length ? { parameters } : {}),
      ...(op.body && body
        ? {
            requestBody: {
              required: Array.isArray(body.required) && body.required.length > 0,
              content: { "application/json": { schema: schemaRef(op.body, "input") } },
            },
          }
        : {}),
      responses: {
        [String(op.status ?? 200)]: { description: op.summary, content: { "application/json": { schema: schemaRef(op.response, "output") } } },
        default: {
          description: "An error (400 invalid input, 401 bad token, 403 missing scope, 404 not found, 409 conflict).",
          content: { "application/json": { schema: errorRef } },
        },
      },
    };
  }

  return {
    openapi: "3.1.0",
    info: { title: "Latch management API", version: "1.0.0", description: DESCRIPTION },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ managementToken: [] }],
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        managementToken: { type: "http", scheme: "bearer", description: "A management token (`latch_mt_…`) or the bootstrap LATCH_ADMIN_TOKEN." },
      },
      schemas,
    },
  };
}

function queryParameters(query: z.ZodObject) {
  const json = jsonSchemaOf(query, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: "query", required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}
