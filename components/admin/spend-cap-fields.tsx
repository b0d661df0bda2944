import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Field } from "@/components/admin/field";
import { periodLabel } from "@/components/admin/labels";
import { SPEND_PERIODS } from "@/lib/guardrails/schemas";
import type { CapView } from "@/lib/budgets/schemas";

/** A cap amount and its period; the names match SpendCapForm (lib/orgs/forms.ts). */
export function SpendCapFields({ cap, label, hint, idPrefix = "" }: { cap: CapView; label: string; hint?: string; idPrefix?: string }) {
  return (
    <>
      <Field id={`${idPrefix}spendCapUsd`} label={label} hint={hint}>
        <Input id={`${idPrefix}spendCapUsd`} name="spendCapUsd" inputMode="decimal" placeholder="No cap" defaultValue={cap ? String(cap.limitUsd) : ""} />
      </Field>
      <Field id={`${idPrefix}spendPeriod`} label="Cap period">
        <Select id={`${idPrefix}spendPeriod`} name="spendPeriod" defaultValue={cap?.period ?? "monthly"}>
          {SPEND_PERIODS.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
}
