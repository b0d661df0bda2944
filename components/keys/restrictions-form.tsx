import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { periodLabel, providerLabel } from "@/components/admin/labels";
import { ModelPatternField } from "@/components/keys/model-pattern-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { QUOTA_PERIODS } from "@/lib/keys/restrictions-form";
import type { RoutedModel } from "@/lib/keys/routed-models";
import { ACTIONS as SENSITIVITY_ACTIONS, LEVELS } from "@/lib/policy/classification/levels";
import { saveKeyRestrictionsAction } from "@/app/(portal)/keys/actions";

export type KeyRestrictions = {
  allowedProviders: string[];
  deniedModels: string[];
  allowedIps: string[];
  maxConcurrent: number | null;
  maxOutputTokens: number | null;
  maxRequestCostUsd: { toString(): string } | null;
  maxSensitivity: string | null;
  sensitivityAction: string | null;
  budgets: { kind: string; period: string; limit: { toString(): string } }[];
};

const n = (v: { toString(): string } | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const LEVEL_LABELS: Record<string, string> = { public: "Public", internal: "Internal", confidential: "Confidential", restricted: "Restricted" };
const ACTION_LABELS: Record<string, string> = { log_only: "Allow and log", redact: "Redact the sensitive parts", block: "Block the request" };

/** Everything a key can be narrowed by beyond its models, rate and spend cap; each field only ever restricts. */
export function RestrictionsForm({ keyId, current, models }: { keyId: string; current: KeyRestrictions; models: RoutedModel[] }) {
  const providers = [...new Set(models.map((m) => m.provider))];
  const quota = (period: string) => current.budgets.find((b) => b.kind === "tokens" && b.period === period)?.limit;
  return (
    <ActionForm action={saveKeyRestrictionsAction.bind(null, keyId)} submitLabel="Save restrictions" testId="restrictions-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <fieldset className="sm:col-span-2">
          <legend className="mb-2 text-sm font-medium">
            Providers <span className="font-normal text-zinc-500 dark:text-zinc-400">(none ticked = every routed provider)</span>
          </legend>
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {providers.map((p) => (
              <label key={p} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="allowedProviders"
                  value={p}
                  defaultChecked={current.allowedProviders.includes(p)}
                  className="size-4 accent-zinc-900 dark:accent-zinc-100"
                />
                {providerLabel(p)}
              </label>
            ))}
          </div>
        </fieldset>
        <Field id="deniedModels" label="Denied models" className="sm:col-span-2" hint="Never served to this key, even if allowed elsewhere.">
          <ModelPatternField id="deniedModels" name="deniedModels" defaultValue={current.deniedModels.join(", ")} models={models} />
        </Field>
        <Field id="allowedIps" label="Allowed IP addresses" className="sm:col-span-2" hint="One address or CIDR range per line; blank = from anywhere.">
          <Textarea id="allowedIps" name="allowedIps" rows={2} defaultValue={current.allowedIps.join("\n")} placeholder={"10.0.0.0/8\n203.0.113.7"} />
        </Field>
        <Field id="maxConcurrent" label="Concurrent requests" hint="Blank = no limit.">
          <Input id="maxConcurrent" name="maxConcurrent" inputMode="numeric" defaultValue={n(current.maxConcurrent)} />
        </Field>
        <Field id="maxOutputTokens" label="Max output tokens per request" hint="Blank = the model's own limit.">
          <Input id="maxOutputTokens" name="maxOutputTokens" inputMode="numeric" defaultValue={n(current.maxOutputTokens)} />
        </Field>
        <Field id="maxRequestCostUsd" label="Max cost per request (USD)" hint="A request estimated above it is refused.">
          <Input id="maxRequestCostUsd" name="maxRequestCostUsd" inputMode="decimal" defaultValue={n(current.maxRequestCostUsd)} />
        </Field>
      </div>
      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-sm font-medium">
          Token quotas <span className="font-normal text-zinc-500 dark:text-zinc-400">(input + output tokens; blank = none)</span>
        </legend>
        {QUOTA_PERIODS.map((p) => (
          <Field key={p} id={`q_${p}`} label={periodLabel(p)}>
            <Input id={`q_${p}`} name={`q_${p}`} inputMode="numeric" defaultValue={n(quota(p))} />
          </Field>
        ))}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="maxSensitivity" label="Most sensitive data allowed" hint="Prompts classified above this level are handled as below.">
          <Select id="maxSensitivity" name="maxSensitivity" defaultValue={current.maxSensitivity ?? ""}>
            <option value="">As the team or organisation sets</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {LEVEL_LABELS[l]}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="sensitivityAction" label="Above that level">
          <Select id="sensitivityAction" name="sensitivityAction" defaultValue={current.sensitivityAction ?? ""}>
            <option value="">As the team or organisation sets</option>
            {SENSITIVITY_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_LABELS[a]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </ActionForm>
  );
}
