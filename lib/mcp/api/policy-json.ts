// The MCP tool policy on the wire (snake_case), built from the very field schemas of
// lib/mcp/policy/schemas.ts, so the keys API, the portal and the gateway accept the same policies.
import { z } from "zod";
import { McpPolicy } from "@/lib/mcp/policy/schemas";

const p = McpPolicy.shape;

export const McpPolicyJson = z
  .strictObject({
    allowed_servers: p.allowedServers.describe("Server slugs or globs (`git*`); absent or empty: every server the org registered."),
    denied_servers: p.deniedServers,
    allowed_tools: p.allowedTools.describe("`server/tool` or bare tool names, globs with `*`. Absent or empty: every tool of the allowed servers."),
    denied_tools: p.deniedTools.describe("Deny wins over every allow, at every level (key, team, org)."),
    calls_per_minute: p.callsPerMinute.describe("Tool calls per minute, on counters of their own."),
    max_concurrent: p.maxConcurrent.describe("Tool calls in flight at once."),
    calls_per_day: p.callsPerDay.describe("Tool calls per calendar day (the org's time zone), every tool together."),
    calls_per_month: p.callsPerMonth,
    tool_quotas: z
      .array(
        z.strictObject({
          tool: z.string().trim().min(1).max(200).describe("A `server/tool` glob; the tools it matches share the quota."),
          per_day: p.callsPerDay,
          per_month: p.callsPerMonth,
        }),
      )
      .max(50)
      .optional(),
    max_argument_bytes: p.maxArgumentBytes,
    max_result_bytes: p.maxResultBytes,
  })
  .meta({ title: "McpPolicy", description: "Which MCP servers and tools the key may use on /mcp, and its tool-call limits." });

export type McpPolicyJson = z.output<typeof McpPolicyJson>;

export function toMcpPolicy(json: McpPolicyJson): McpPolicy {
  const policy: McpPolicy = {
    allowedServers: json.allowed_servers,
    deniedServers: json.denied_servers,
    allowedTools: json.allowed_tools,
    deniedTools: json.denied_tools,
    callsPerMinute: json.calls_per_minute,
    maxConcurrent: json.max_concurrent,
    callsPerDay: json.calls_per_day,
    callsPerMonth: json.calls_per_month,
    toolQuotas: json.tool_quotas?.map((q) => ({ tool: q.tool, perDay: q.per_day, perMonth: q.per_month })),
    maxArgumentBytes: json.max_argument_bytes,
    maxResultBytes: json.max_result_bytes,
  };
  return McpPolicy.parse(Object.fromEntries(Object.entries(policy).filter(([, v]) => v !== undefined)));
}

export function toMcpPolicyJson(policy: McpPolicy): McpPolicyJson {
  const json: McpPolicyJson = {
    allowed_servers: policy.allowedServers,
    denied_servers: policy.deniedServers,
    allowed_tools: policy.allowedTools,
    denied_tools: policy.deniedTools,
    calls_per_minute: policy.callsPerMinute,
    max_concurrent: policy.maxConcurrent,
    calls_per_day: policy.callsPerDay,
    calls_per_month: policy.callsPerMonth,
    tool_quotas: policy.toolQuotas?.map((q) => ({ tool: q.tool, per_day: q.perDay, per_month: q.perMonth })),
    max_argument_bytes: policy.maxArgumentBytes,
    max_result_bytes: policy.maxResultBytes,
  };
  return Object.fromEntries(Object.entries(json).filter(([, v]) => v !== undefined)) as McpPolicyJson;
}
