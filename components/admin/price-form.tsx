import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { savePriceAction } from "@/app/(portal)/admin/prices/actions";

type Values = { provider: string; model: string; input: number | null; output: number | null; cachedInput: number | null };

/** Add (priceId null) or edit an org price; provider and model identify the row and are fixed when editing. */
export function PriceForm({ priceId, values, providers, idPrefix, submitLabel }: { priceId: string | null; values: Values; providers: readonly string[]; idPrefix: string; submitLabel: string }) {
  const n = (v: number | null) => (v === null ? "" : String(v));
  const fixed = Boolean(values.model);
  return (
    <ActionForm action={savePriceAction.bind(null, priceId)} submitLabel={submitLabel} testId={`${idPrefix}price-form`}>
      <div className="grid gap-3 sm:grid-cols-5">
        <Field id={`${idPrefix}provider`} label="Provider">
          {fixed ? <Input id={`${idPrefix}provider`} name="provider" defaultValue={values.provider} readOnly /> : (
            <Select id={`${idPrefix}provider`} name="provider" defaultValue={values.provider}>{providers.map((p) => <option key={p}>{p}</option>)}</Select>
          )}
        </Field>
        <Field id={`${idPrefix}model`} label="Model"><Input id={`${idPrefix}model`} name="model" defaultValue={values.model} readOnly={fixed} required /></Field>
        <Field id={`${idPrefix}input`} label="Input $/1M"><Input id={`${idPrefix}input`} name="input" inputMode="decimal" defaultValue={n(values.input)} required /></Field>
        <Field id={`${idPrefix}output`} label="Output $/1M"><Input id={`${idPrefix}output`} name="output" inputMode="decimal" defaultValue={n(values.output)} required /></Field>
        <Field id={`${idPrefix}cached`} label="Cached input $/1M"><Input id={`${idPrefix}cached`} name="cachedInput" inputMode="decimal" defaultValue={n(values.cachedInput)} /></Field>
      </div>
    </ActionForm>
  );
}
