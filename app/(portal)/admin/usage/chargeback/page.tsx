import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { chargebackReport } from "@/lib/usage/chargeback";
import { listDimensions } from "@/lib/attribution/list";
import { PageHeader } from "@/components/ui/page-header";
import { periodSuffix } from "@/components/admin/labels";
import type { SpendPeriod } from "@/lib/guardrails/schemas";
import { DataTable } from "@/components/admin/data-table";
import { Field } from "@/components/admin/field";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export const metadata: Metadata = { title: "Chargeback · Admin · Latch" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | undefined>> };
const ranked = (rows: { label: string; costUsd: number }[]) => rows.map((r) => `${r.label} ($${r.costUsd.toFixed(2)})`).join(", ");

export default async function ChargebackPage({ searchParams }: Props) {
  const actor = await requireAdminPage("usage.read.all");
  const p = await searchParams;
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(p.month ?? "") ? p.month! : new Date().toISOString().slice(0, 7);
  const dimensions = await listDimensions({ actor });
  const dimension =
    dimensions.find((d) => d.name === p.dimension)?.name ?? dimensions.find((d) => d.name === "cost_center")?.name ?? dimensions[0]?.name ?? "cost_center";
  const report = await chargebackReport({ actor, month, dimension });
  const rows = report.lines.map((l) => ({
    value: l.value ?? "unattributed",
    costUsd: l.costUsd,
    requests: l.requests,
    tokens: l.inputTokens + l.outputTokens,
    budget: l.budget ? `$${l.budget.limitUsd.toLocaleString("en-US")} ${periodSuffix(l.budget.period as SpendPeriod)}` : "—",
    topKeys: ranked(l.topKeys),
    topModels: ranked(l.topModels),
  }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Dashboards", href: "/admin" }, { label: "Chargeback" }]}
        title="Chargeback"
        description="Spend per value of an attribution dimension for one calendar month, in the organisation's time zone."
      />
      <form method="get" className="flex flex-wrap items-end gap-3" data-testid="chargeback-filters">
        <Field id="month" label="Month">
          <Input id="month" name="month" type="month" defaultValue={month} />
        </Field>
        <Field id="dimension" label="Dimension">
          <Select id="dimension" name="dimension" defaultValue={dimension}>
            {dimensions.map((d) => (
              <option key={d.name} value={d.name}>
                {d.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" variant="outline">
          Show
        </Button>
      </form>
      <Card>
        <CardHeader>
          <CardTitle>By {dimensions.find((d) => d.name === dimension)?.label ?? dimension}</CardTitle>
          <CardDescription>
            Total ${report.total.costUsd.toFixed(2)} over {report.total.requests.toLocaleString("en-US")} requests.
          </CardDescription>
        </CardHeader>
        <DataTable
          testId="chargeback-table"
          caption="Chargeback"
          rows={rows}
          columns={[
            { key: "value", label: "Value" },
            { key: "costUsd", label: "Spend (USD)", format: "usd" },
            { key: "requests", label: "Requests", format: "int" },
            { key: "tokens", label: "Tokens", format: "int" },
            { key: "budget", label: "Budget" },
            { key: "topKeys", label: "Top keys" },
            { key: "topModels", label: "Top models" },
          ]}
        />
      </Card>
    </div>
  );
}
