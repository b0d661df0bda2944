// The only wrapper management route files use: token auth, the operation's permission, zod input
// (a 400 naming the field), Idempotency-Key on POSTs, and one error shape, rendered here once.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { requirePermission, type Actor } from "@/lib/auth/permissions";
import { asLatchError, InvalidRequestError, LatchError, NotFoundError, toOpenAIErrorBody } from "@/lib/errors";
import { logError } from "@/lib/log";
import { isDataError } from "@/lib/db/errors";
import { readLimitedText } from "@/lib/gateway/read-limited";
import { assertJsonDepth } from "@/lib/gateway/json-depth";
import { authenticateManagementToken } from "@/lib/management-tokens/authenticate";
import { withRequestOrigin } from "@/lib/audit/context";
import { PEER_ADDRESS_HEADER, resolveClientIp } from "@/lib/gateway/client-ip";
import { fingerprintOf, withIdempotency } from "@/lib/api/idempotency";
import { pathParamNames, type BodyOf, type Operation, type PathParams, type QueryOf, type ResponseOf } from "@/lib/api/operation";

/** Management bodies are small documents; anything larger is refused before it is buffered. */
const MAX_BODY_BYTES = 1_048_576;
const bodyTooLarge = () =>
  new LatchError({
    status: 413,
    type: "invalid_request_error",
    code: "request_too_large",
    message: `The request body exceeds the limit of ${MAX_BODY_BYTES} bytes.`,
  });

export type HandlerContext<O extends Operation> = {
  actor: Actor;
  body: BodyOf<O>;
  query: QueryOf<O>;
  params: PathParams<O["path"]>;
};

type NextContext = { params: Promise<Record<string, string>> };
export type ManagementHandler = ((request: Request, context?: NextContext) => Promise<Response>) & { operation: Operation };

export function managementRoute<O extends Operation>(op: O, handler: (ctx: HandlerContext<O>) => Promise<ResponseOf<O>>): ManagementHandler {
  const route = async (request: Request, context?: NextContext): Promise<Response> => {
    const requestId = `req_${randomUUID().replaceAll("-", "")}`;
    try {
      // Authenticate before looking at the input, so unauthenticated callers learn nothing from validation.
      const actor = await authenticateManagementToken(request.headers);
      requirePermission(actor, op.permission);
      const url = new URL(request.url);
      const params = (await context?.params) ?? {};
      if (pathParamNames(op.path).some((name) => typeof params[name] !== "string")) throw new NotFoundError("not_found", "Not found.");
      const query = op.query ? parse(op.query, Object.fromEntries(url.searchParams)) : undefined;
      const text = op.method === "POST" || op.method === "PATCH" ? await readLimitedText(request, MAX_BODY_BYTES, bodyTooLarge) : "";
      const body = op.body ? parse(op.body, parseJson(text)) : undefined;
      // The audit log records where each change came from without every verb taking it as input.
      const origin = {
        ip: resolveClientIp(request.headers.get(PEER_ADDRESS_HEADER), request.headers.get("x-forwarded-for")),
        userAgent: request.headers.get("user-agent"),
      };
      const run = async () => ({
        status: op.status ?? 200,
        body: await withRequestOrigin(origin, () =>
          handler({ actor, body: body as BodyOf<O>, query: query as QueryOf<O>, params: params as PathParams<O["path"]> }),
        ),
      });
      const key = request.headers.get("idempotency-key");
      const result =
        op.method === "POST" && key !== null
          ? await withIdempotency(
              {
                orgId: actor.orgId,
                operation: `${op.method} ${url.pathname}`,
                key,
                fingerprint: fingerprintOf(op.method, url.pathname, text),
                secrets: op.secrets ?? [],
              },
              run,
            )
          : { ...(await run()), replayed: false };
      return json(result.status, result.body, requestId, result.replayed ? { "idempotent-replayed": "true" } : {});
    } catch (error) {
      const err = toApiError(error);
      if (err.code === "internal_error") logError("management request failed", error, { requestId, operation: op.id });
      const headers: Record<string, string> = { ...err.headers, ...(err.retryable ? {} : { "x-should-retry": "false" }) };
      return json(err.status, toOpenAIErrorBody(err, requestId), requestId, headers);
    }
  };
  return Object.assign(route, { operation: op });
}

function json(status: number, body: unknown, requestId: string, headers: Record<string, string>): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", "x-request-id": requestId, ...headers },
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidRequestError("The request body is not valid JSON.", null, "invalid_json");
  }
  assertJsonDepth(parsed);
  return parsed;
}

function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error);
  return result.data;
}

/** `limits[0].amount`, as OpenAI names nested params. */
function paramOf(path: readonly PropertyKey[]): string | null {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `${out ? "." : ""}${String(part)}`;
  return out || null;
}

function fromZodError(error: z.ZodError): InvalidRequestError {
  const issue = error.issues[0]!;
  if (issue.code === "unrecognized_keys") {
    const param = paramOf([...issue.path, issue.keys[0]!]);
    return new InvalidRequestError(`Unknown parameter \`${param}\`.`, param, "unknown_parameter");
  }
  const param = paramOf(issue.path);
  return new InvalidRequestError(param ? `Invalid \`${param}\`: ${issue.message}` : issue.message, param);
}

const snake = (name: string) => (/^[a-z][A-Za-z0-9]*$/.test(name) ? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) : name);

/** Domain verbs name params in camelCase and throw zod or Prisma errors on races; the wire speaks snake_case. */
function toApiError(error: unknown): LatchError {
  if (error instanceof z.ZodError) error = fromZodError(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (!(error instanceof LatchError) && code === "P2025") error = new NotFoundError("not_found", "No such object.");
  if (!(error instanceof LatchError) && code === "P2002") error = new InvalidRequestError("That already exists.", null, "already_exists", 409);
  // Values zod let through but Postgres cannot store (NUL bytes, integers past 32 bits) are the caller's error.
  if (!(error instanceof LatchError) && isDataError(error)) error = new InvalidRequestError("A value in the request cannot be stored.", null, "invalid_value");
  const err = asLatchError(error);
  if (!err.param || snake(err.param) === err.param) return err;
  return new LatchError({
    status: err.status,
    type: err.type,
    code: err.code,
    message: err.message,
    param: snake(err.param),
    retryable: err.retryable,
    headers: err.headers,
    details: err.details,
  });
}
