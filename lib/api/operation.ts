// One management API operation as data: the route wrapper, the OpenAPI generator and the
// route-walk test all read this, so the docs cannot describe a route that does not exist.
import type { z } from "zod";
import type { Action } from "@/lib/auth/permissions";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export type Operation = {
  /** OpenAPI operationId; also tags the exported route handler so tests can match them. */
  id: string;
  method: HttpMethod;
  /** OpenAPI path template, e.g. `/v1/keys/{id}`. */
  path: string;
  /** The permission the caller's token must grant (through SCOPE_PERMISSIONS). */
  permission: Action;
  tag: string;
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  response: z.ZodType;
  /** Success status; creates answer 201. */
  status?: 200 | 201;
  /** Top-level response fields holding a secret shown once: stored encrypted for idempotent replays. */
  secrets?: readonly string[];
};

/** Keeps the literal schema types, so handlers are checked against what the docs promise. */
export const defineOperation = <const O extends Operation>(op: O): O => op;

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export type BodyOf<O extends Operation> = Out<O["body"]>;
export type QueryOf<O extends Operation> = Out<O["query"]>;
/** Handlers return the schema's input side (before defaults), i.e. plain JSON. */
export type ResponseOf<O extends Operation> = z.input<O["response"]>;

/** `{ id: string }` for `/v1/keys/{id}`. */
export type PathParams<P extends string> = P extends `${string}{${infer K}}${infer Rest}` ? Record<K, string> & PathParams<Rest> : unknown;

export const pathParamNames = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
