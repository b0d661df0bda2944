import { env } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const runtime = "nodejs";

// Built once per process: the document depends only on the code.
let document: string | null = null;

export function GET(): Response {
  document ??= JSON.stringify(buildOpenApiDocument(env.APP_URL));
  return new Response(document, { headers: { "content-type": "application/json", "cache-control": "public, max-age=300" } });
}
