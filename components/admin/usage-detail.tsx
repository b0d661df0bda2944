// The body of the per-key and per-person usage pages.
import { ChartCard } from "@/components/admin/chart-card";
import { BarListChart } from "@/components/admin/bar-list-chart";
import { DataTable } from "@/components/admin/data-table";
import { Totals } from "@/components/admin/totals";
import { TokenClasses } from "@/components/admin/token-classes";
import { RejectionsCard, SpendOverTimeCard } from "@/components/admin/usage-charts";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { Column } from "@/components/admin/format";
import { statusLabel } from "@/components/admin/labels";
import type { keyUsageDetail } from "@/lib/usage/detail";

type Detail = Omit<Awaited<ReturnType<typeof keyUsageDetail>>, "key">;

const SPLIT_COLUMNS: Column[] = [
  { key: "label", label: "Name", linkKey: "href" },
  { key: "costUsd", label: "Spend (USD)", format: "usd" },
  { key: "requests", label: "Requests", format: "int" },
  { key: "tokens", label: "Tokens", format: "int" },
  { key: "rejected", label: "Rejected", format: "int" },
];

const RECENT_COLUMNS: Column[] = [
  { key: "createdAt", label: "When (UTC)", format: "datetime" },
  { key: "endpoint", label: "Endpoint" },
  { key: "model", label: "Model" },
  { key: "status", label: "Status" },
  { key: "outcome", label: "Outcome" },
  { key: "errorCode", label: "Error" },
  { key: "inputTokens", label: "In", format: "int" },
  { key: "cachedInputTokens", label: "Cache read", format: "int" },
  { key: "cacheWriteTokens", label: "Cache write", format: "int" },
  { key: "outputTokens", label: "Out", format: "int" },
  { key: "reasoningTokens", label: "Reasoning", format: "int" },
  { key: "costUsd", label: "Cost", format: "usd" },
  { key: "estimated", label: "Counted" },
  { key: "latencyMs", label: "Latency ms", format: "int" },
];

export function UsageDetail({ data, granularity }: { data: Detail; granularity: "day" | "hour" }) {
  return (
    <div className="flex flex-col gap-6">
      <Totals totals={data.totals} />
      <SpendOverTimeCard data={data.series} granularity={granularity} stackLabel="Model" />
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartCard id="models-used" title="Models used" columns={SPLIT_COLUMNS} rows={data.models.map(({ id: _id, ...r }) => r)}>
          <BarListChart rows={data.models} valueKey="costUsd" valueName="Spend" format="usd" label="Spend by model" />
        </ChartCard>
        {data.keys.length > 0 && (
          <ChartCard
            id="keys-used"
            title="Keys used"
            columns={SPLIT_COLUMNS}
            rows={data.keys.map(({ id, ...r }) => ({ ...r, href: id ? `/admin/usage/keys/${id}` : null }))}
          >
            <BarListChart rows={data.keys} valueKey="costUsd" valueName="Spend" format="usd" label="Spend by key" />
          </ChartCard>
        )}
      </div>
      <RejectionsCard data={data.rejections} granularity={granularity} />
      <TokenClasses classes={data.classes} />
      <Card>
        <CardHeader>
          <CardTitle>Last requests</CardTitle>
          <CardDescription>Metadata only: prompts and responses are never stored.</CardDescription>
        </CardHeader>
        <DataTable
          testId="recent-requests"
          columns={RECENT_COLUMNS}
          rows={data.recent.map(({ id: _id, keyId: _k, stream: _s, estimated, ...r }) => ({
            ...r,
            outcome: statusLabel(r.outcome),
            estimated: estimated ? "Estimated" : "Provider",
          }))}
          empty="No requests yet."
        />
      </Card>
    </div>
  );
}
