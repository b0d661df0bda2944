// Degrade rules at work: requests a rule sent to a cheaper model or throttled near a cap, over
// time by the model actually used, and per rule with the model change and what it cost.
import { ChartCard } from "@/components/admin/chart-card";
import { StackedChart } from "@/components/admin/stacked-chart";
import type { Column } from "@/components/admin/format";
import type { StackedData } from "@/lib/usage/dashboard";

type DegradedRow = { rules: string; requestedModel: string; model: string; requests: number; refused: number; costUsd: number };

const COLUMNS: Column[] = [
  { key: "rules", label: "Rule" },
  { key: "requestedModel", label: "Asked for" },
  { key: "model", label: "Model used" },
  { key: "requests", label: "Requests", format: "int" },
  { key: "refused", label: "Throttled", format: "int" },
  { key: "costUsd", label: "Spend (USD)", format: "usd" },
];

export function DegradedCard({ data, granularity }: { data: StackedData & { table: DegradedRow[] }; granularity: "day" | "hour" }) {
  return (
    <ChartCard
      id="degraded"
      title="Degraded requests"
      description="Requests a degrade rule routed to another model or throttled before a cap was reached. Set rules in org, team or key settings."
      columns={COLUMNS}
      rows={data.table}
    >
      <StackedChart data={data} format="int" granularity={granularity} label="Degraded requests over time by model used" />
    </ChartCard>
  );
}
