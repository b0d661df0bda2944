import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { providerLabel } from "@/components/admin/labels";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { savePriceAction } from "@/app/(portal)/admin/prices/actions";

export type PriceValues = {
  provider: string;
  model: string;
  input: number | null;
  output: number | null;
  cachedInput: number | null;
  cacheWrite5m: number | null;
  cacheWrite1h: number | null;
  reasoning: number | null;
  audioInput: number | null;
  audioOutput: number | null;
  webSearch: number | null;
};

/** Optional class rates: left empty, each follows the catalog's rule (shown as the placeholder). */
const MORE: { name: keyof PriceValues; label: string }[] = [
  { name: "cacheWrite5m", label: "Cache write 5m $/1M" },
  { name: "cacheWrite1h", label: "Cache write 1h $/1M" },
  { name: "reasoning", label: "Reasoning $/1M" },
  { name: "audioInput", label: "Audio in $/1M" },
  { name: "audioOutput", label: "Audio out $/1M" },
  { name: "webSearch", label: "Web search $/1k calls" },
];

/** Add (priceId null) or edit an org price; provider and model identify the row and are fixed when editing. */
export function PriceForm({
  priceId,
  values,
  providers,
  idPrefix,
  submitLabel,
}: {
  priceId: string | null;
  values: PriceValues;
  providers: readonly string[];
  idPrefix: string;
  submitLabel: string;
}) {
  const n = (v: number | string | null) => (v === null ? "" : String(v));
  const fixed = Boolean(values.model);
  return (
    <ActionForm action={savePriceAction.bind(null, priceId)} submitLabel={submitLabel} testId={`${idPrefix}price-form`}>
      <div className="grid gap-3 sm:grid-cols-5">
        <Field id={`${idPrefix}provider`} label="Provider">
          {fixed ? (
            <Input id={`${idPrefix}provider`} name="provider" defaultValue={values.provider} readOnly />
          ) : (
            <Select id={`${idPrefix}provider`} name="provider" defaultValue={values.provider}>
              {providers.map((p) => (
                <option key={p} value={p}>
                  {providerLabel(p)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id={`${idPrefix}model`} label="Model">
          <Input id={`${idPrefix}model`} name="model" defaultValue={values.model} readOnly={fixed} required />
        </Field>
        <Field id={`${idPrefix}input`} label="Input $/1M">
          <Input id={`${idPrefix}input`} name="input" inputMode="decimal" defaultValue={n(values.input)} required />
        </Field>
        <Field id={`${idPrefix}output`} label="Output $/1M">
          <Input id={`${idPrefix}output`} name="output" inputMode="decimal" defaultValue={n(values.output)} required />
        </Field>
        <Field id={`${idPrefix}cached`} label="Cached input $/1M">
          <Input id={`${idPrefix}cached`} name="cachedInput" inputMode="decimal" defaultValue={n(values.cachedInput)} />
        </Field>
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">More rates (empty: the catalog&apos;s rule)</summary>
        <div className="mt-2 grid gap-3 sm:grid-cols-6">
          {MORE.map((m) => (
            <Field key={m.name} id={`${idPrefix}${m.name}`} label={m.label}>
              <Input id={`${idPrefix}${m.name}`} name={m.name} inputMode="decimal" defaultValue={n(values[m.name])} />
            </Field>
          ))}
        </div>
      </details>
    </ActionForm>
  );
}
