import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { parseDashboardParams } from "@/lib/usage/dashboard-range";
import { hourlyForOneDay } from "@/components/admin/chart-axis";
import { findingsOverTime } from "@/lib/usage/findings";
import { PageHeader } from "@/components/ui/page-header";
import { RangePicker } from "@/components/admin/range-picker";
import { ChartCard } from "@/components/admin/chart-card";
import { StackedChart } from "@/components/admin/stacked-chart";
import type { Column } from "@/components/admin/format";

export const metadata: Metadata = { title: "Data classification · Admin · Latch" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ClassificationPage({ searchParams }: Props) {
  const actor = await requireAdminPage("usage.read.all");
  const range = hourlyForOneDay(parseDashboardParams(await searchParams).range);
  const data = await findingsOverTime({ actor, range });
  const columns: Column[] = [
    { key: "bucket", label: range.granularity === "hour" ? "Hour (UTC)" : "Day (UTC)", format: range.granularity === "hour" ? "datetime" : "date" },
    { key: "team", label: "Team" },
    { key: "key", label: "Key", linkKey: "href" },
    { key: "detector", label: "Detector" },
    { key: "action", label: "Action" },
    { key: "findings", label: "Findings", format: "int" },
    { key: "requests", label: "Requests", format: "int" },
  ];
  const rows = data.table.map((r) => ({ ...r, href: r.keyId ? `/admin/usage/keys/${r.keyId}` : null }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Data classification"
        description="Sensitive data found in prompts above each key's allowed level: classes and counts only, never the text. Times in UTC."
      />
      <RangePicker range={range} showStack={false} />
      <ChartCard
        id="classification-findings"
        title="Findings by team"
        description="Per key, detector and action in the table."
        columns={columns}
        rows={rows}
        empty={{ title: "No findings in this range", hint: "Prompts that carry data above a key's allowed classification level show up here." }}
      >
        <StackedChart data={data} format="int" granularity={range.granularity} label="Classification findings over time by team" />
      </ChartCard>
    </div>
  );
}
