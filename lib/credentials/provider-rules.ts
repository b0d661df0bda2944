// The provider-specific checks of a credential, dispatched through the registry: each adapter
// owns its rules (lib/providers/<name>/credential-rules.ts), so a credential that could never
// authorize a request is refused with a 400 on create and update alike.
import { InvalidRequestError } from "@/lib/errors";
import { getAdapter, listAdapters } from "@/lib/providers/registry";
import type { CredentialRules, CredentialSetting, CredentialSettings } from "@/lib/providers/types";

export type SettingsGiven = { [K in CredentialSetting]?: string | null };

const SETTINGS: readonly CredentialSetting[] = ["region", "project", "stsEndpoint"];

export const credentialRulesOf = (provider: string): CredentialRules | undefined => getAdapter(provider)?.credentialRules;

/** A setting given for a provider that has no use for it is a mistake worth a 400, not silence. */
export function rejectForeignSettings(provider: string, given: SettingsGiven): void {
  const accepted = credentialRulesOf(provider)?.settings ?? [];
  for (const setting of SETTINGS) {
    if (given[setting] == null || accepted.includes(setting)) continue;
    const takers = listAdapters().filter((a) => a.credentialRules?.settings.includes(setting));
    throw new InvalidRequestError(`\`${setting}\` applies only to ${takers.map((a) => a.id).join(" and ")} providers.`, setting);
  }
}

/** Only the settings actually given, without nulls. */
export function settingsOf(given: SettingsGiven): CredentialSettings {
  const out: CredentialSettings = {};
  for (const setting of SETTINGS) {
    const value = given[setting];
    if (value) out[setting] = value;
  }
  return out;
}
