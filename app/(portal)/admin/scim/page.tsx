import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { getScimSetup } from "@/lib/scim/settings";
import { PageHeader } from "@/components/ui/page-header";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { resumeKeyAction, saveDeprovisionAction } from "./actions";

export const metadata: Metadata = { title: "SCIM · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function ScimPage() {
  const actor = await requireAdminPage("org.write");
  const setup = await getScimSetup({ actor });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="SCIM provisioning" description="Okta and Entra ID add, change and deactivate members and teams; leavers lose access at once." />
      <Card>
        <CardHeader>
          <CardTitle>Connect your identity provider</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-2 text-sm">
          <p>
            SCIM base URL:{" "}
            <code className="font-mono" data-testid="scim-base-url">
              {env.APP_URL.replace(/\/+$/, "")}/scim/v2
            </code>
          </p>
          <p>
            Authentication: a bearer token with the <code className="font-mono">scim</code> scope, from{" "}
            <Link className="underline" href="/admin/tokens">
              API tokens
            </Link>{" "}
            ({setup.activeScimTokens} active).
          </p>
          <p>
            Users must have an email in {setup.emailDomains.length ? setup.emailDomains.join(", ") : "the organisation's email domains (none set)"}. Groups
            become teams; groups in the SSO group mappings also set roles.
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>When someone is deactivated</CardTitle>
          <CardDescription>Their own keys stop at once either way; team keys keep working.</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm action={saveDeprovisionAction} submitLabel="Save" testId="deprovision-form">
            <Field id="deprovision-action" label="Their keys are">
              <Select id="deprovision-action" name="deprovisionAction" defaultValue={setup.deprovisionAction}>
                <option value="revoke">Revoked (final)</option>
                <option value="suspend">Suspended (an admin may resume them)</option>
              </Select>
            </Field>
          </ActionForm>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Suspended keys</CardTitle>
        </CardHeader>
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="suspended-keys">
          {setup.suspendedKeys.length === 0 && <li className="px-4 py-4 text-sm text-zinc-500 dark:text-zinc-400 sm:px-5">None.</li>}
          {setup.suspendedKeys.map((k) => (
            <li key={k.id} className="flex flex-wrap items-center gap-2 px-4 py-2.5 text-sm sm:px-5">
              <span className="font-medium">{k.name}</span>
              <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{k.prefix}…</span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">{k.owner?.email ?? "no owner"}</span>
              <span className="ml-auto">
                <ActionButton action={resumeKeyAction.bind(null, k.id)} label="Resume" ariaLabel={`Resume key ${k.name}`} done={`Key “${k.name}” resumed.`} />
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
