// MCP policies compiled once when they enter a cache: glob matchers built at fill, never per call.
import { compileModelPatterns, type ModelMatcher } from "@/lib/policy/model-glob";
import type { McpPolicy } from "@/lib/mcp/policy/schemas";

export type CompiledMcpPolicy = {
  /** Which level this came from, to name the rule in a refusal. */
  level: "key" | "team" | "org";
  allowedServers: ModelMatcher | null;
  deniedServers: ModelMatcher | null;
  allowedTools: ModelMatcher | null;
  deniedTools: ModelMatcher | null;
  callsPerMinute: number | null;
  maxConcurrent: number | null;
  maxArgumentBytes: number | null;
  maxResultBytes: number | null;
  /** Per-period call quotas; `tool` null counts every call. */
  quotas: readonly CompiledQuota[];
};

export type CompiledQuota = {
  /** Names the rule in a refusal: `key.callsPerDay`, `key.toolQuotas[github/*].perMonth`. */
  rule: string;
  period: "daily" | "monthly";
  limit: number;
  /** The `server/tool` glob, or "*" for every call. */
  pattern: string;
  matches: ModelMatcher | null;
};

function compileQuotas(policy: McpPolicy): CompiledQuota[] {
  const out: CompiledQuota[] = [];
  const add = (rule: string, period: CompiledQuota["period"], limit: number | null | undefined, pattern: string) => {
    if (limit) out.push({ rule, period, limit, pattern, matches: pattern === "*" ? null : compileModelPatterns([pattern]) });
  };
  add("key.callsPerDay", "daily", policy.callsPerDay, "*");
  add("key.callsPerMonth", "monthly", policy.callsPerMonth, "*");
  for (const q of policy.toolQuotas ?? []) {
    add(`key.toolQuotas[${q.tool}].perDay`, "daily", q.perDay, q.tool);
    add(`key.toolQuotas[${q.tool}].perMonth`, "monthly", q.perMonth, q.tool);
  }
  return out;
}

/** The quotas a call of `server/tool` counts against. */
export const quotasFor = (policy: CompiledMcpPolicy, server: string, tool: string) =>
  policy.quotas.filter((q) => q.matches === null || q.matches(`${server}/${tool}`, tool));

export function compileMcpPolicy(level: CompiledMcpPolicy["level"], policy: McpPolicy): CompiledMcpPolicy {
  return {
    level,
    allowedServers: compileModelPatterns(policy.allowedServers ?? []),
    deniedServers: compileModelPatterns(policy.deniedServers ?? []),
    allowedTools: compileModelPatterns(policy.allowedTools ?? []),
    deniedTools: compileModelPatterns(policy.deniedTools ?? []),
    callsPerMinute: policy.callsPerMinute ?? null,
    maxConcurrent: policy.maxConcurrent ?? null,
    maxArgumentBytes: policy.maxArgumentBytes ?? null,
    maxResultBytes: policy.maxResultBytes ?? null,
    quotas: level === "key" ? compileQuotas(policy) : [],
  };
}

export type ToolVerdict = { ok: true } | { ok: false; rule: string };

/** Deny wins at every level; each level with an allow list must list the server and the tool. */
export function toolVerdict(policies: readonly CompiledMcpPolicy[], server: string, tool: string): ToolVerdict {
  const canonical = `${server}/${tool}`;
  for (const p of policies) {
    if (p.deniedServers?.(server, server)) return { ok: false, rule: `${p.level}.deniedServers` };
    if (p.deniedTools?.(canonical, tool)) return { ok: false, rule: `${p.level}.deniedTools` };
  }
  for (const p of policies) {
    if (p.allowedServers && !p.allowedServers(server, server)) return { ok: false, rule: `${p.level}.allowedServers` };
    if (p.allowedTools && !p.allowedTools(canonical, tool)) return { ok: false, rule: `${p.level}.allowedTools` };
  }
  return { ok: true };
}

/** The server rules alone: what prompts and resources (which have no tool name) are checked against. */
export function serverVerdict(policies: readonly CompiledMcpPolicy[], server: string): ToolVerdict {
  for (const p of policies) if (p.deniedServers?.(server, server)) return { ok: false, rule: `${p.level}.deniedServers` };
  for (const p of policies) if (p.allowedServers && !p.allowedServers(server, server)) return { ok: false, rule: `${p.level}.allowedServers` };
  return { ok: true };
}

export const serverAllowed = (policies: readonly CompiledMcpPolicy[], server: string) => serverVerdict(policies, server).ok;

/** The smallest size limit any level sets. */
export function strictest(policies: readonly CompiledMcpPolicy[], field: "maxArgumentBytes" | "maxResultBytes"): { limit: number; level: string } | null {
  let best: { limit: number; level: string } | null = null;
  for (const p of policies) {
    const limit = p[field];
    if (limit !== null && (best === null || limit < best.limit)) best = { limit, level: p.level };
  }
  return best;
}
