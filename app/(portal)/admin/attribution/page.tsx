import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { listDimensions } from "@/lib/attribution/list";
import { db } from "@/lib/db";
import { PageHeader } from "@/components/ui/page-header";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/admin/data-table";
import { Field } from "@/components/admin/field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createDimensionAction, setDimensionBudgetAction } from "./actions";

export const metadata: Metadata = { title: "Attribution · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function AttributionPage() {
  const actor = await requireAdminPage("org.write");
  const [dimensions, budgets] = await Promise.all([
    listDimensions({ actor }),
    db.budget.findMany({ where: { orgId: actor.orgId, scope: "dimension" }, select: { dimensionName: true, dimensionValue: true, limit: true, period: true } }),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Attribution" description="Dimensions keys carry (environment, cost center, application…): usage groups and budgets cap by them." />
      <Card>
        <CardHeader>
          <CardTitle>Dimensions</CardTitle>
          <CardDescription>A required dimension must have a value on every new key: its own, its team&apos;s default or the default.</CardDescription>
        </CardHeader>
        <DataTable
          testId="dimensions"
          caption="Dimensions"
          empty="No dimensions yet."
          rows={dimensions.map((d) => ({
            name: d.name,
            label: d.label,
            values: d.values.join(", ") || "free text",
            required: d.required ? "yes" : "no",
            defaultValue: d.defaultValue ?? "—",
          }))}
          columns={[
            { key: "name", label: "Name" },
            { key: "label", label: "Label" },
            { key: "values", label: "Values" },
            { key: "required", label: "Required" },
            { key: "defaultValue", label: "Default" },
          ]}
        />
        <CardContent>
          <ActionForm action={createDimensionAction} submitLabel="Add dimension" testId="dimension-form" className="grid gap-3 sm:grid-cols-2">
            <Field id="dim-name" label="Name">
              <Input id="dim-name" name="name" required placeholder="cost_center" />
            </Field>
            <Field id="dim-label" label="Label">
              <Input id="dim-label" name="label" placeholder="Cost center" />
            </Field>
            <Field id="dim-values" label="Allowed values (comma-separated; empty = free text)">
              <Input id="dim-values" name="values" placeholder="R&D, Sales" />
            </Field>
            <Field id="dim-default" label="Default value">
              <Input id="dim-default" name="defaultValue" />
            </Field>
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="required" className="size-4" /> Required on every key
            </label>
          </ActionForm>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Budgets on a value</CardTitle>
          <CardDescription>Caps every request attributed to the value, on every key, enforced like any other cap.</CardDescription>
        </CardHeader>
        <DataTable
          testId="dimension-budgets"
          caption="Dimension budgets"
          empty="No budgets on dimension values."
          rows={budgets.map((b) => ({ target: `${b.dimensionName} = ${b.dimensionValue}`, limit: Number(b.limit), period: b.period }))}
          columns={[
            { key: "target", label: "Value" },
            { key: "limit", label: "Limit (USD)", format: "usd" },
            { key: "period", label: "Period" },
          ]}
        />
        <CardContent>
          <ActionForm action={setDimensionBudgetAction} submitLabel="Save budget" testId="dimension-budget-form" className="grid gap-3 sm:grid-cols-2">
            <Field id="b-name" label="Dimension">
              <Select id="b-name" name="name">
                {dimensions.map((d) => (
                  <option key={d.name} value={d.name}>
                    {d.label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id="b-value" label="Value">
              <Input id="b-value" name="value" required />
            </Field>
            <Field id="b-limit" label="Limit (USD; empty removes)">
              <Input id="b-limit" name="limitUsd" inputMode="decimal" />
            </Field>
            <Field id="b-period" label="Period">
              <Select id="b-period" name="period" defaultValue="monthly">
                <option value="daily">Daily</option>
                <option value="weekly">Weekly</option>
                <option value="monthly">Monthly</option>
                <option value="lifetime">Lifetime</option>
              </Select>
            </Field>
          </ActionForm>
        </CardContent>
      </Card>
    </div>
  );
}
