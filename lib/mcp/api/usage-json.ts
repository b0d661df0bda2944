// Tool-call usage on the wire (GET /v1/usage/tools): totals and one line per server and tool.
import { z } from "zod";
import { Timestamp } from "@/lib/api/serializers/common";
import type { ToolUsageRow, ToolUsageTotals } from "@/lib/mcp/calls/usage";

export const ToolUsageQuery = z.strictObject({
  start: Timestamp.optional().describe("RFC 3339; defaults to the start of this month in the org's time zone."),
  end: Timestamp.optional().describe("RFC 3339, exclusive; defaults to now."),
  limit: z.coerce.number().int().min(1).max(1000).default(100).describe("Most server/tool lines returned, by calls."),
});

const counts = {
  calls: z.number().int(),
  ok: z.number().int(),
  tool_errors: z.number().int().describe("The tool answered with `isError: true`."),
  refused: z.number().int().describe("Refused by Latch: policy, limits, quotas, budget, size or data classification."),
  upstream_errors: z.number().int().describe("The upstream answered a JSON-RPC error or could not be reached."),
  cost_usd: z.number(),
};

export const ToolUsageJson = z
  .object({
    object: z.literal("tool_usage"),
    start: Timestamp,
    end: Timestamp,
    totals: z.object(counts),
    data: z.array(z.object({ server: z.string(), tool: z.string(), ...counts })),
  })
  .meta({ title: "ToolUsage" });

const toCounts = (c: ToolUsageTotals) => ({
  calls: c.calls,
  ok: c.ok,
  tool_errors: c.toolErrors,
  refused: c.refused,
  upstream_errors: c.upstreamErrors,
  cost_usd: c.costUsd,
});

export const toToolUsageJson = (
  range: { from: Date; to: Date },
  usage: { totals: ToolUsageTotals; byTool: ToolUsageRow[] },
): z.input<typeof ToolUsageJson> => ({
  object: "tool_usage",
  start: range.from.toISOString(),
  end: range.to.toISOString(),
  totals: toCounts(usage.totals),
  data: usage.byTool.map((r) => ({ server: r.server, tool: r.tool, ...toCounts(r) })),
});
