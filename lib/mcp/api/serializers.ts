// MCP servers on the wire (snake_case). The credential is write-only: responses carry at most
// its last four characters.
import { z } from "zod";
import { iso, decimal, PageQuery, Timestamp } from "@/lib/api/serializers/common";
import {
  ServerSlug,
  type CreateMcpServerInput,
  type McpAuth,
  type McpServerRecord,
  type McpToolRecord,
  type UpdateMcpServerInput,
} from "@/lib/mcp/servers/schemas";
import type { McpConnectionTest } from "@/lib/mcp/servers/test";
import { readToolPrices } from "@/lib/mcp/servers/tool-prices";

const secret = z.string().trim().min(1).max(10_000);
const McpAuthBody = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("none") }),
    z.strictObject({ type: z.literal("bearer"), token: secret.describe("Write-only. Sent as `Authorization: Bearer <token>` to this server only.") }),
    z.strictObject({ type: z.literal("header"), header: z.string().trim().min(1).max(100), value: secret.describe("Write-only.") }),
    z.strictObject({
      type: z.literal("oauth_client_credentials"),
      token_url: z
        .url({ protocol: /^https?$/ })
        .describe("The authorization server's token endpoint; checked by the outbound address guard like the server URL."),
      client_id: z.string().trim().min(1).max(500),
      client_secret: secret.describe("Write-only."),
      scope: z.string().trim().min(1).max(1000).optional(),
    }),
  ])
  .describe("How Latch authenticates to the upstream server. Stored encrypted; clients never see it.");

const price = z.number().min(0).max(1000).nullable().describe("USD charged per tool call against the caller's spend budgets; null is free.");
const toolPrices = z
  .record(z.string().trim().min(1).max(200), z.number().min(0).max(1000))
  .nullable()
  .describe(
    'USD per call of single tools, by the tool\'s own name (`{"create_issue": 0.01}`); they replace `price_per_call_usd` for those tools. null removes them.',
  );

export const CreateMcpServerBody = z
  .strictObject({
    slug: ServerSlug.describe("Namespace of its tools on `/mcp` (`<slug>__<tool>`) and its own endpoint `/mcp/<slug>`."),
    name: z.string().trim().min(1).max(100),
    url: z.url({ protocol: /^https?$/ }).describe("The server's Streamable HTTP endpoint."),
    auth: McpAuthBody.optional(),
    enabled: z.boolean().optional(),
    price_per_call_usd: price.optional(),
    tool_prices: toolPrices.optional(),
  })
  .meta({ title: "CreateMcpServerRequest" });

export const UpdateMcpServerBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional(),
    url: z.url({ protocol: /^https?$/ }).optional(),
    auth: McpAuthBody.optional(),
    enabled: z.boolean().optional().describe("A disabled server's tools disappear from every key's tools/list."),
    price_per_call_usd: price.optional(),
    tool_prices: toolPrices.optional(),
  })
  .meta({ title: "UpdateMcpServerRequest" });

export const ListMcpServersQuery = PageQuery;

export const McpServerJson = z
  .object({
    id: z.string(),
    object: z.literal("mcp_server"),
    slug: z.string(),
    name: z.string(),
    url: z.string(),
    transport: z.literal("streamable_http"),
    auth: z.object({
      type: z.enum(["none", "bearer", "header", "oauth_client_credentials"]),
      header: z.string().nullable(),
      secret_last4: z.string().nullable(),
      token_url: z.string().nullable(),
      client_id: z.string().nullable(),
      scope: z.string().nullable(),
    }),
    enabled: z.boolean(),
    price_per_call_usd: z.number().nullable(),
    tool_prices: z.record(z.string(), z.number()),
    tool_count: z.number().int(),
    tools_refreshed_at: Timestamp.nullable(),
    last_error: z.string().nullable(),
    created_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ title: "McpServer" });

export const McpServerTestJson = z
  .object({
    ok: z.boolean(),
    latency_ms: z.number().int(),
    server_info: z.object({ name: z.string(), version: z.string() }).nullable(),
    tool_count: z.number().int(),
    error: z.string().nullable(),
  })
  .meta({ title: "McpServerTest" });

export const McpToolJson = z
  .object({
    object: z.literal("mcp_tool"),
    name: z.string(),
    namespaced_name: z.string().describe("Its name on the aggregated `/mcp` endpoint."),
    title: z.string().nullable(),
    description: z.string().nullable(),
    input_schema: z.record(z.string(), z.unknown()),
    output_schema: z.record(z.string(), z.unknown()).nullable(),
    annotations: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ title: "McpTool" });

export const McpToolListJson = z.object({ object: z.literal("list"), data: z.array(McpToolJson) }).meta({ title: "McpToolList" });

type AuthBody = z.infer<typeof McpAuthBody>;
const toAuth = (auth: AuthBody): McpAuth =>
  auth.type === "none"
    ? { kind: "none" }
    : auth.type === "bearer"
      ? { kind: "bearer", token: auth.token }
      : auth.type === "header"
        ? { kind: "header", header: auth.header, value: auth.value }
        : { kind: "oauth_client_credentials", tokenUrl: auth.token_url, clientId: auth.client_id, clientSecret: auth.client_secret, scope: auth.scope };

export const toCreateInput = (b: z.infer<typeof CreateMcpServerBody>): CreateMcpServerInput => ({
  slug: b.slug,
  name: b.name,
  url: b.url,
  auth: b.auth ? toAuth(b.auth) : undefined,
  enabled: b.enabled,
  pricePerCallUsd: b.price_per_call_usd,
  toolPrices: b.tool_prices,
});

export const toUpdateInput = (serverId: string, b: z.infer<typeof UpdateMcpServerBody>): UpdateMcpServerInput => ({
  serverId,
  name: b.name,
  url: b.url,
  auth: b.auth ? toAuth(b.auth) : undefined,
  enabled: b.enabled,
  pricePerCallUsd: b.price_per_call_usd,
  toolPrices: b.tool_prices,
});

export const toMcpServerJson = (s: McpServerRecord): z.input<typeof McpServerJson> => ({
  id: s.id,
  object: "mcp_server",
  slug: s.slug,
  name: s.name,
  url: s.url,
  transport: "streamable_http",
  auth: {
    type: s.authKind,
    header: s.authHeader,
    secret_last4: s.secretLast4,
    token_url: s.oauthTokenUrl,
    client_id: s.oauthClientId,
    scope: s.oauthScope,
  },
  enabled: s.enabled,
  price_per_call_usd: decimal(s.pricePerCallUsd),
  tool_prices: readToolPrices(s.toolPrices),
  tool_count: s._count.tools,
  tools_refreshed_at: iso(s.toolsRefreshedAt),
  last_error: s.lastError,
  created_at: s.createdAt.toISOString(),
  updated_at: s.updatedAt.toISOString(),
});

export const toMcpServerTestJson = (t: McpConnectionTest): z.input<typeof McpServerTestJson> => ({
  ok: t.ok,
  latency_ms: t.latencyMs,
  server_info: t.serverInfo,
  tool_count: t.toolCount,
  error: t.error,
});

const record = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export const toMcpToolJson = (slug: string, t: McpToolRecord): z.input<typeof McpToolJson> => ({
  object: "mcp_tool",
  name: t.name,
  namespaced_name: `${slug}__${t.name}`,
  title: t.title,
  description: t.description,
  input_schema: record(t.inputSchema) ?? {},
  output_schema: record(t.outputSchema),
  annotations: record(t.annotations),
});
