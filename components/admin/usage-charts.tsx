// Server-side composition of the attribution charts: each a ChartCard (chart, table, CSV).
import { ChartCard } from "@/components/admin/chart-card";
import { StackedChart } from "@/components/admin/stacked-chart";
import { BarListChart } from "@/components/admin/bar-list-chart";
import { UtilisationChart } from "@/components/admin/utilisation-chart";
import type { Column } from "@/components/admin/format";
import type { SpenderRow, StackedData } from "@/lib/usage/dashboard";
import type { Utilisation } from "@/lib/budgets/utilisation";
import { periodLabel, scopeLabel } from "@/components/admin/labels";
import type { SpendPeriod } from "@/lib/guardrails/schemas";

type Table<T> = StackedData & { table: T[] };
type SpendPoint = { bucket: string; series: string; costUsd: number; requests: number; tokens: number };
type RejectionPoint = { bucket: string; reason: string; key: string; keyId: string | null; requests: number };

export function SpendOverTimeCard({
  id = "spend-over-time",
  data,
  granularity,
  stackLabel,
}: {
  id?: string;
  data: Table<SpendPoint>;
  granularity: "day" | "hour";
  stackLabel: string;
}) {
  const columns: Column[] = [
    { key: "bucket", label: granularity === "hour" ? "Hour (UTC)" : "Day (UTC)", format: granularity === "hour" ? "datetime" : "date" },
    { key: "series", label: stackLabel },
    { key: "costUsd", label: "Spend (USD)", format: "usd" },
    { key: "requests", label: "Requests", format: "int" },
    { key: "tokens", label: "Tokens", format: "int" },
  ];
  return (
    <ChartCard
      id={id}
      title="Spend over time"
      description={`Stacked by ${stackLabel.toLowerCase()}, ${granularity === "hour" ? "hourly" : "daily"}.`}
      columns={columns}
      rows={data.table}
    >
      <StackedChart data={data} format="usd" granularity={granularity} label={`Spend over time by ${stackLabel.toLowerCase()}`} />
    </ChartCard>
  );
}

const detailHref = (by: "key" | "user" | "team", id: string | null) =>
  id ? (by === "team" ? `/admin/teams/${id}` : `/admin/usage/${by === "key" ? "keys" : "users"}/${id}`) : null;

export function TopSpendersCard({ by, rows }: { by: "key" | "user" | "team"; rows: SpenderRow[] }) {
  const noun = { key: "keys", user: "people", team: "teams" }[by];
  const columns: Column[] = [
    { key: "label", label: by === "user" ? "Person" : by === "key" ? "Key" : "Team", linkKey: "href" },
    { key: "costUsd", label: "Spend (USD)", format: "usd" },
    { key: "requests", label: "Requests", format: "int" },
    { key: "tokens", label: "Tokens", format: "int" },
    { key: "capUsd", label: "Cap (USD)", format: "usd" },
    { key: "capPeriod", label: "Cap period" },
    { key: "utilisation", label: "Cap used", format: "pct" },
  ];
  const table = rows.map((r) => ({ ...r, capPeriod: r.capPeriod ? periodLabel(r.capPeriod as SpendPeriod) : null, href: detailHref(by, r.id) }));
  return (
    <ChartCard
      id={`top-${by}s`}
      title={`Top ${noun}`}
      description="By spend in the range; cap use is for the cap's current period."
      columns={columns}
      rows={table}
    >
      <BarListChart rows={rows} valueKey="costUsd" valueName="Spend" format="usd" label={`Top ${noun} by spend`} />
    </ChartCard>
  );
}

export function UtilisationCard({ rows }: { rows: Utilisation[] }) {
  const columns: Column[] = [
    { key: "scope", label: "Scope" },
    { key: "label", label: "Name" },
    { key: "kind", label: "Kind" },
    { key: "period", label: "Period" },
    { key: "used", label: "Used", format: "int" },
    { key: "limit", label: "Cap", format: "int" },
    { key: "ratio", label: "Used of cap", format: "pct" },
    { key: "resetsAt", label: "Resets", format: "datetime" },
  ];
  // Spend amounts need cents: the generic "int" column would round $0.40 to 0.
  const table = rows.map((r) => ({
    ...r,
    scope: scopeLabel(r.scope),
    kind: r.kind === "spend" ? "Spend" : "Tokens",
    period: periodLabel(r.period),
    used: r.kind === "spend" ? Number(r.used.toFixed(4)) : r.used,
    limit: r.limit,
  }));
  return (
    <ChartCard
      id="budget-utilisation"
      title="Budget utilisation"
      empty={{ title: "No caps set", hint: "Set a spend or token cap on the org, a team or a key to see how much of it is used." }}
      description="Every cap in its current period: amber from 80%, red at the cap."
      columns={columns.map((c) => (c.key === "used" || c.key === "limit" ? { ...c, format: undefined } : c))}
      rows={table}
    >
      <UtilisationChart
        points={rows.map((r) => ({ label: `${scopeLabel(r.scope)}: ${r.label}`, ratio: r.ratio, used: r.used, limit: r.limit, kind: r.kind }))}
        label="Budget utilisation against each cap"
      />
    </ChartCard>
  );
}

export function RejectionsCard({ data, granularity }: { data: Table<RejectionPoint>; granularity: "day" | "hour" }) {
  const columns: Column[] = [
    { key: "bucket", label: granularity === "hour" ? "Hour (UTC)" : "Day (UTC)", format: granularity === "hour" ? "datetime" : "date" },
    { key: "reason", label: "Reason" },
    { key: "key", label: "Key", linkKey: "href" },
    { key: "requests", label: "Rejected", format: "int" },
  ];
  const table = data.table.map((r) => ({ ...r, href: detailHref("key", r.keyId) }));
  return (
    <ChartCard
      id="rejections"
      title="Rejections by reason"
      empty={{ title: "No rejections in this range", hint: "Requests refused by a rate limit, a budget or a policy show up here, with the key that hit them." }}
      description="Rate-limit, budget and policy refusals; the table shows which key hit them."
      columns={columns}
      rows={table}
    >
      <StackedChart data={data} format="int" granularity={granularity} label="Rejected requests over time by reason" />
    </ChartCard>
  );
}
