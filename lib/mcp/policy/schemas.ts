// The MCP tool policy stored on keys, teams and the org (their `mcpPolicy` JSON). Patterns are
// globs with `*`; a pattern containing "/" matches `server/tool`, otherwise the bare name, as
// model patterns do. Deny wins; every level that has an allow list must allow.
import { z } from "zod";

const patterns = z.array(z.string().trim().min(1).max(200)).max(200);
const positive = z.number().int().positive();

export const McpPolicy = z.strictObject({
  /** Server slugs (globs). Empty or absent: every server the org registered. */
  allowedServers: patterns.optional(),
  deniedServers: patterns.optional(),
  /** `server/tool` or bare tool names (globs). */
  allowedTools: patterns.optional(),
  deniedTools: patterns.optional(),
  /** Key level only: tool calls per minute and at once. */
  callsPerMinute: positive.max(100_000).nullable().optional(),
  maxConcurrent: positive.max(10_000).nullable().optional(),
  /** Key level only: tool calls per calendar day and month (the org's time zone), all tools together. */
  callsPerDay: positive.max(100_000_000).nullable().optional(),
  callsPerMonth: positive.max(1_000_000_000).nullable().optional(),
  /** Key level only: calls per day and month of the tools a `server/tool` glob matches, counted together. */
  toolQuotas: z
    .array(
      z.strictObject({
        tool: z.string().trim().min(1).max(200),
        perDay: positive.max(100_000_000).nullable().optional(),
        perMonth: positive.max(1_000_000_000).nullable().optional(),
      }),
    )
    .max(50)
    .optional(),
  /** Largest JSON arguments and tool result accepted, in bytes. */
  maxArgumentBytes: positive.max(50_000_000).nullable().optional(),
  maxResultBytes: positive.max(50_000_000).nullable().optional(),
});
export type McpPolicy = z.infer<typeof McpPolicy>;

/** Stored JSON that no longer parses grants nothing extra: it reads as "deny everything". */
export function readMcpPolicy(value: unknown): McpPolicy {
  if (value === null || value === undefined) return {};
  const parsed = McpPolicy.safeParse(value);
  return parsed.success ? parsed.data : { deniedServers: ["*"] };
}

/** The tools a key's policy allows, as a self-service ask states them (empty: every tool). */
export const keyTools = (mcpPolicy: unknown): string[] => readMcpPolicy(mcpPolicy).allowedTools ?? [];
