// The dashboard's "Tools" breakdown of MCP tool calls: calls over time by outcome, and calls,
// refusals, errors and cost by server and tool, each a ChartCard (chart, table, CSV).
import { ChartCard } from "@/components/admin/chart-card";
import { StackedChart } from "@/components/admin/stacked-chart";
import { BarListChart } from "@/components/admin/bar-list-chart";
import type { Column } from "@/components/admin/format";
import type { StackedData } from "@/lib/usage/dashboard";
import type { ToolUsageRow, ToolUsageTotals } from "@/lib/mcp/calls/usage";
import { formatUsd } from "@/components/keys/format";

type OverTime = StackedData & { table: { bucket: string; outcome: string; calls: number }[] };

export function McpToolTotals({ totals }: { totals: ToolUsageTotals }) {
  const items = [
    ["Tool calls", totals.calls.toLocaleString("en-US")],
    ["Refused", totals.refused.toLocaleString("en-US")],
    ["Errors", (totals.toolErrors + totals.upstreamErrors).toLocaleString("en-US")],
    ["Tool spend", formatUsd(totals.costUsd)],
  ] as const;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="mcp-tool-totals">
      {items.map(([label, value]) => (
        <div key={label} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
          <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
          <dd className="text-lg font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function McpToolCallsCard({ data, granularity }: { data: OverTime; granularity: "day" | "hour" }) {
  const columns: Column[] = [
    { key: "bucket", label: granularity === "hour" ? "Hour (UTC)" : "Day (UTC)", format: granularity === "hour" ? "datetime" : "date" },
    { key: "outcome", label: "Outcome" },
    { key: "calls", label: "Calls", format: "int" },
  ];
  return (
    <ChartCard
      id="mcp-tool-calls"
      title="Tool calls over time"
      description="MCP tool calls by outcome; refused calls include policy, limits and classification."
      columns={columns}
      rows={data.table}
    >
      <StackedChart data={data} format="int" granularity={granularity} label="MCP tool calls over time by outcome" />
    </ChartCard>
  );
}

export function McpToolsCard({ rows }: { rows: ToolUsageRow[] }) {
  const columns: Column[] = [
    { key: "label", label: "Server / tool" },
    { key: "calls", label: "Calls", format: "int" },
    { key: "refused", label: "Refused", format: "int" },
    { key: "errors", label: "Errors", format: "int" },
    { key: "costUsd", label: "Cost (USD)", format: "usd" },
  ];
  const table = rows.map((r) => ({ ...r, label: `${r.server}/${r.tool}`, errors: r.toolErrors + r.upstreamErrors }));
  return (
    <ChartCard id="mcp-tools" title="Tools" description="Calls, refusals, errors and cost by server and tool, in the range." columns={columns} rows={table}>
      <BarListChart rows={table} valueKey="calls" valueName="Calls" format="int" label="MCP tools by calls" />
    </ChartCard>
  );
}
