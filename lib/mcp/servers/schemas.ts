// Inputs and stored shapes of upstream MCP servers, shared by the portal, the management API
// and the gateway. The credential is write-only: no read selects the ciphertext.
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";

/** No underscores, so `slug__tool` always splits at the first `__` and two servers cannot collide. */
export const ServerSlug = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single hyphens");

export const McpAuth = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("none") }),
  z.object({ kind: z.literal("bearer"), token: z.string().trim().min(1).max(10_000) }),
  z.object({
    kind: z.literal("header"),
    header: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9-]+$/, "an HTTP header name")
      .refine(
        (h) => !["authorization", "host", "content-type", "mcp-session-id", "mcp-protocol-version"].includes(h.toLowerCase()),
        "reserved header; use kind bearer for Authorization",
      ),
    value: z.string().trim().min(1).max(10_000),
  }),
  /** OAuth 2.1 client credentials grant: Latch fetches and caches an access token from tokenUrl. */
  z.object({
    kind: z.literal("oauth_client_credentials"),
    tokenUrl: z.url({ protocol: /^https?$/ }),
    clientId: z.string().trim().min(1).max(500),
    clientSecret: z.string().trim().min(1).max(10_000),
    scope: z.string().trim().min(1).max(1000).optional(),
  }),
]);
export type McpAuth = z.infer<typeof McpAuth>;

/** Prices of single tools, by the tool's own name; they replace the server's price per call for those tools. */
export const ToolPrices = z
  .record(z.string().trim().min(1).max(200), z.number().min(0).max(1000))
  .refine((prices) => Object.keys(prices).length <= 500, "At most 500 tool prices.");

export const CreateMcpServerInput = z.object({
  slug: ServerSlug,
  name: z.string().trim().min(1).max(100),
  url: z.url({ protocol: /^https?$/ }),
  auth: McpAuth.default({ kind: "none" }),
  enabled: z.boolean().default(true),
  pricePerCallUsd: z.number().min(0).max(1000).nullable().default(null),
  toolPrices: ToolPrices.nullable().default(null),
});
export type CreateMcpServerInput = z.input<typeof CreateMcpServerInput>;

export const UpdateMcpServerInput = z.object({
  serverId: z.string().min(1),
  name: CreateMcpServerInput.shape.name.optional(),
  url: CreateMcpServerInput.shape.url.optional(),
  auth: McpAuth.optional(),
  enabled: z.boolean().optional(),
  pricePerCallUsd: z.number().min(0).max(1000).nullable().optional(),
  toolPrices: ToolPrices.nullable().optional(),
});
export type UpdateMcpServerInput = z.input<typeof UpdateMcpServerInput>;

export const MCP_SERVER_PUBLIC_FIELDS = {
  id: true,
  slug: true,
  name: true,
  url: true,
  transport: true,
  authKind: true,
  authHeader: true,
  secretLast4: true,
  enabled: true,
  pricePerCallUsd: true,
  toolPrices: true,
  oauthTokenUrl: true,
  oauthClientId: true,
  oauthScope: true,
  toolsRefreshedAt: true,
  lastError: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { tools: true } },
} satisfies Prisma.McpServerSelect;

export type McpServerRecord = Prisma.McpServerGetPayload<{ select: typeof MCP_SERVER_PUBLIC_FIELDS }>;

export const MCP_TOOL_FIELDS = {
  name: true,
  title: true,
  description: true,
  inputSchema: true,
  outputSchema: true,
  annotations: true,
} satisfies Prisma.McpToolSelect;
export type McpToolRecord = Prisma.McpToolGetPayload<{ select: typeof MCP_TOOL_FIELDS }>;

/** The sealed columns for an auth choice. */
export function authColumns(auth: McpAuth, seal: (plain: string) => string) {
  const noOauth = { oauthTokenUrl: null, oauthClientId: null, oauthScope: null };
  if (auth.kind === "none") return { authKind: "none" as const, authHeader: null, encryptedSecret: null, secretLast4: null, ...noOauth };
  if (auth.kind === "oauth_client_credentials")
    return {
      authKind: auth.kind,
      authHeader: null,
      encryptedSecret: seal(auth.clientSecret),
      secretLast4: auth.clientSecret.slice(-4),
      oauthTokenUrl: auth.tokenUrl,
      oauthClientId: auth.clientId,
      oauthScope: auth.scope ?? null,
    };
  const secret = auth.kind === "bearer" ? auth.token : auth.value;
  return {
    authKind: auth.kind,
    authHeader: auth.kind === "header" ? auth.header : null,
    encryptedSecret: seal(secret),
    secretLast4: secret.slice(-4),
    ...noOauth,
  };
}

/** The outbound addresses a server's settings make Latch call: its URL, and its token endpoint. */
export const tokenUrlOf = (auth: McpAuth | undefined) => (auth?.kind === "oauth_client_credentials" ? auth.tokenUrl : null);
