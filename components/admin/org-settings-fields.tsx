import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { CheckboxField, Field } from "@/components/admin/field";
import { SpendCapFields } from "@/components/admin/spend-cap-fields";
import { providerLabel } from "@/components/admin/labels";
import type { OrgSettings } from "@/lib/orgs/get-settings";

/** Org-wide rules: name, time zone (budget periods follow it), org cap, what may be routed. */
export function OrgSettingsFields({ org, providers, timeZones }: { org: OrgSettings; providers: readonly string[]; timeZones: string[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="name" label="Organisation name">
        <Input id="name" name="name" defaultValue={org.name} required />
      </Field>
      <Field id="timeZone" label="Time zone" hint="Daily, weekly and monthly caps reset at midnight here.">
        <Input id="timeZone" name="timeZone" list="time-zones" defaultValue={org.timeZone} required />
        <datalist id="time-zones">
          {timeZones.map((tz) => (
            <option key={tz} value={tz} />
          ))}
        </datalist>
      </Field>
      <SpendCapFields cap={org.spendCap} label="Org spend cap (USD)" hint="Applies to all traffic in the organisation; blank = no cap." />
      <fieldset className="sm:col-span-2">
        <legend className="mb-2 text-sm font-medium">
          Allowed providers <span className="font-normal text-zinc-500 dark:text-zinc-400">(none ticked = all)</span>
        </legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {providers.map((p) => (
            <label key={p} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                name="allowedProviders"
                value={p}
                defaultChecked={org.allowedProviders.includes(p)}
                className="size-4 accent-zinc-900 dark:accent-zinc-100"
              />
              {providerLabel(p)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        id="allowedModels"
        label="Allowed models"
        className="sm:col-span-2"
        hint="Comma- or line-separated patterns (gpt-4o*, anthropic/*); blank = every routed model."
      >
        <Textarea id="allowedModels" name="allowedModels" rows={2} defaultValue={org.allowedModels.join(", ")} />
      </Field>
      <Field id="budgetFailMode" label="If the budget store is down">
        <Select id="budgetFailMode" name="budgetFailMode" defaultValue={org.budgetFailMode}>
          <option value="closed">Refuse requests (fail closed)</option>
          <option value="open">Serve without budget checks (fail open)</option>
        </Select>
      </Field>
      <div className="flex flex-col gap-3">
        <CheckboxField
          id="allowUnpricedModels"
          name="allowUnpricedModels"
          label="Allow unpriced models"
          defaultChecked={org.allowUnpricedModels}
          hint="Otherwise requests to a model without a price are refused on capped keys."
        />
        <CheckboxField id="clampMaxTokens" name="clampMaxTokens" label="Clamp max_tokens to fit budgets" defaultChecked={org.clampMaxTokens} />
      </div>
    </div>
  );
}
