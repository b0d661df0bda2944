import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Field } from "@/components/admin/field";
import { periodLabel } from "@/components/admin/labels";
import { GUARDRAIL_FIELDS, SPEND_PERIODS, type KeyDefaults, type KeyLimits, type ApprovalRules } from "@/lib/guardrails/schemas";

const str = (v: unknown) => (v === undefined || v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v));
const tri = (v: boolean | undefined) => (v === undefined ? "" : String(v));

const FIELD_NAMES: Record<(typeof GUARDRAIL_FIELDS)[number], string> = {
  models: "Models beyond the allowed list",
  spendCapUsd: "Spend cap above the maximum",
  rpmLimit: "Requests/min above the maximum",
  tpmLimit: "Tokens/min above the maximum",
  expiresInDays: "Lifetime above the maximum",
  activeKeys: "More active keys than allowed",
  teamKey: "Team keys when not allowed",
  tools: "MCP tools beyond the allowed list",
};

/**
 * The key guardrail editor (lib/guardrails/schemas.ts): defaults a new key starts from, the
 * most a developer may give themselves, and (org only) what happens beyond that. A blank field
 * is "not set": a team then inherits the org's value.
 */
export function GuardrailsFields({
  defaults,
  limits,
  approval,
  inheritNote,
}: {
  defaults: KeyDefaults;
  limits: Partial<KeyLimits>;
  approval?: ApprovalRules;
  inheritNote: string;
}) {
  return (
    <div className="flex flex-col gap-5">
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Defaults for a new key</legend>
        <Field
          id="d_models"
          errorKeys={["defaultKeyPolicy.models"]}
          label="Default models"
          className="sm:col-span-3"
          hint={`Comma-separated patterns, e.g. gpt-4o*, anthropic/*. ${inheritNote}`}
        >
          <Input id="d_models" name="d_models" defaultValue={str(defaults.models)} />
        </Field>
        <Field id="d_spendCapUsd" errorKeys={["defaultKeyPolicy.spendCapUsd"]} label="Default spend cap (USD)">
          <Input id="d_spendCapUsd" name="d_spendCapUsd" inputMode="decimal" defaultValue={str(defaults.spendCapUsd)} />
        </Field>
        <Field id="d_spendPeriod" errorKeys={["defaultKeyPolicy.spendPeriod"]} label="Default cap period">
          <Select id="d_spendPeriod" name="d_spendPeriod" defaultValue={str(defaults.spendPeriod)}>
            <option value="">Not set</option>
            {SPEND_PERIODS.map((p) => (
              <option key={p} value={p}>
                {periodLabel(p)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="d_expiresInDays" errorKeys={["defaultKeyPolicy.expiresInDays"]} label="Default lifetime (days)">
          <Input id="d_expiresInDays" name="d_expiresInDays" inputMode="numeric" defaultValue={str(defaults.expiresInDays)} />
        </Field>
        <Field id="d_rpmLimit" errorKeys={["defaultKeyPolicy.rpmLimit"]} label="Default requests/min">
          <Input id="d_rpmLimit" name="d_rpmLimit" inputMode="numeric" defaultValue={str(defaults.rpmLimit)} />
        </Field>
        <Field id="d_tpmLimit" errorKeys={["defaultKeyPolicy.tpmLimit"]} label="Default tokens/min">
          <Input id="d_tpmLimit" name="d_tpmLimit" inputMode="numeric" defaultValue={str(defaults.tpmLimit)} />
        </Field>
      </fieldset>
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Maximum without approval</legend>
        <Field
          id="l_allowedModels"
          label="Allowed models"
          className="sm:col-span-3"
          hint="Models a developer may pick without approval; blank = any routed model."
        >
          <Input id="l_allowedModels" name="l_allowedModels" defaultValue={str(limits.allowedModels)} />
        </Field>
        <Field
          id="l_allowedTools"
          label="Allowed MCP tools"
          className="sm:col-span-3"
          hint="server/tool patterns a developer may give their own key, e.g. github/get_*, github/list_*. A new key gets these; blank = every tool the org allows."
        >
          <Input id="l_allowedTools" name="l_allowedTools" defaultValue={str(limits.allowedTools)} />
        </Field>
        <Field id="l_maxMonthlySpendUsd" label="Max monthly spend (USD)">
          <Input id="l_maxMonthlySpendUsd" name="l_maxMonthlySpendUsd" inputMode="decimal" defaultValue={str(limits.maxMonthlySpendUsd)} />
        </Field>
        <Field id="l_maxRpm" label="Max requests/min">
          <Input id="l_maxRpm" name="l_maxRpm" inputMode="numeric" defaultValue={str(limits.maxRpm)} />
        </Field>
        <Field id="l_maxTpm" label="Max tokens/min">
          <Input id="l_maxTpm" name="l_maxTpm" inputMode="numeric" defaultValue={str(limits.maxTpm)} />
        </Field>
        <Field id="l_maxLifetimeDays" label="Max lifetime (days)">
          <Input id="l_maxLifetimeDays" name="l_maxLifetimeDays" inputMode="numeric" defaultValue={str(limits.maxLifetimeDays)} />
        </Field>
        <Field id="l_maxActiveKeys" label="Max active keys per person">
          <Input id="l_maxActiveKeys" name="l_maxActiveKeys" inputMode="numeric" defaultValue={str(limits.maxActiveKeys)} />
        </Field>
        <Field id="l_allowNoExpiry" label="Keys without expiry">
          <Select id="l_allowNoExpiry" name="l_allowNoExpiry" defaultValue={tri(limits.allowNoExpiry)}>
            <option value="">Not set</option>
            <option value="true">Allowed</option>
            <option value="false">Not allowed</option>
          </Select>
        </Field>
        <Field id="l_allowTeamKeys" label="Team keys by members">
          <Select id="l_allowTeamKeys" name="l_allowTeamKeys" defaultValue={tri(limits.allowTeamKeys)}>
            <option value="">Not set</option>
            <option value="true">Allowed</option>
            <option value="false">Not allowed</option>
          </Select>
        </Field>
      </fieldset>
      {approval && (
        <fieldset className="grid gap-4 sm:grid-cols-2">
          <legend className="mb-2 text-sm font-semibold">Approval rules: when a developer asks for more</legend>
          {GUARDRAIL_FIELDS.map((f) => (
            <Field key={f} id={`a_${f}`} label={FIELD_NAMES[f]}>
              <Select id={`a_${f}`} name={`a_${f}`} defaultValue={approval.onExceed[f] ?? ""}>
                <option value="">Needs approval (default)</option>
                <option value="approval">Needs approval</option>
                <option value="forbidden">Refused</option>
              </Select>
            </Field>
          ))}
        </fieldset>
      )}
    </div>
  );
}
