import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { getOrgSettings } from "@/lib/orgs/get-settings";
import { providerIds } from "@/lib/providers/registry";
import { PageHeader } from "@/components/ui/page-header";
import { ActionForm } from "@/components/admin/action-form";
import { GuardrailsFields } from "@/components/admin/guardrails-fields";
import { OrgSettingsFields } from "@/components/admin/org-settings-fields";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DegradeRulesCard } from "@/components/admin/degrade-rules-card";
import { listRoutedModels } from "@/lib/keys/routed-models";
import { saveGuardrailsAction, saveOrgSettingsAction } from "./actions";
import { saveOrgDegradeRulesAction } from "../../degrade-actions";

export const metadata: Metadata = { title: "Org settings · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function OrgSettingsPage() {
  const actor = await requireAdminPage("org.write");
  const [org, models] = await Promise.all([getOrgSettings({ actor }), listRoutedModels({ actor })]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Organisation settings" description="Caps, routing rules and key guardrails for everyone in the organisation." />
      <Card>
        <CardHeader>
          <CardTitle>Organisation</CardTitle>
          <CardDescription>Spend cap, time zone and what may be routed.</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm action={saveOrgSettingsAction} submitLabel="Save settings" testId="org-settings-form">
            <OrgSettingsFields org={org} providers={providerIds} timeZones={Intl.supportedValuesOf("timeZone")} />
          </ActionForm>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Key guardrails</CardTitle>
          <CardDescription>What developers get by default, and the most they may give themselves without an approver.</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm action={saveGuardrailsAction} submitLabel="Save guardrails" testId="guardrails-form">
            <GuardrailsFields
              defaults={org.guardrails.defaults}
              limits={org.guardrails.limits}
              approval={org.guardrails.approval}
              inheritNote="Blank = every routed model."
            />
          </ActionForm>
        </CardContent>
      </Card>
      <DegradeRulesCard scope="org" rules={org.degradeRules} models={models.map((m) => m.name)} action={saveOrgDegradeRulesAction} />
    </div>
  );
}
