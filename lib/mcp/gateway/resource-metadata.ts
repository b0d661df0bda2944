// OAuth 2.0 Protected Resource Metadata (RFC 9728) for /mcp and /mcp/{server}, the document an
// MCP client reads after a 401 to learn how to authenticate. Latch's resource accepts a virtual
// key as a Bearer token in the Authorization header; it names no authorization server, because
// Latch does not issue OAuth tokens for MCP (docs/mcp.md, "What is not built").
import { env } from "@/lib/env";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const origin = () => new URL(env.APP_URL).origin;

/** `mcp` or `mcp/<server>` → the resource path; anything else is not an MCP resource of Latch. */
export function mcpResourcePath(path: string): string | null {
  const parts = path.replace(/^\/+|\/+$/g, "").split("/");
  if (parts[0] !== "mcp" || parts.length > 2) return null;
  if (parts.length === 2 && !SLUG.test(parts[1]!)) return null;
  return `/${parts.join("/")}`;
}

/** Where a client finds the metadata of the resource at `resourcePath` (RFC 9728 §3.1: path-inserted). */
export const resourceMetadataUrl = (resourcePath: string) => `${origin()}/.well-known/oauth-protected-resource${resourcePath}`;

export function protectedResourceMetadata(resourcePath: string) {
  return {
    resource: `${origin()}${resourcePath}`,
    bearer_methods_supported: ["header"],
    resource_name: "Latch MCP gateway",
  };
}

export function metadataResponse(path: string): Response {
  const resource = mcpResourcePath(path);
  if (!resource) return Response.json({ error: "not_found", error_description: "No protected resource at this path." }, { status: 404 });
  return Response.json(protectedResourceMetadata(resource), { headers: { "cache-control": "public, max-age=3600", "access-control-allow-origin": "*" } });
}
