import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { can } from "@/lib/auth/permissions";
import { mappingsToText } from "@/lib/auth/group-roles";
import { ssoProviders } from "@/lib/auth/providers";
import { requireActor } from "@/lib/auth/session";
import { ORG_IDP_ID } from "@/lib/idp-connections/flow";
import { getOrgSsoSettings, listIdpConnections } from "@/lib/idp-connections/list";
import { deleteConnectionAction, disableConnectionAction, enableConnectionAction, testConnectionAction } from "@/app/(portal)/settings/sso/actions";
import { AddConnectionForm, GroupRolesForm } from "@/components/sso/connection-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { ConfirmSubmit } from "@/components/ui/confirm-submit";
import { idpKindLabel, statusLabel } from "@/components/admin/labels";

export const metadata: Metadata = { title: "Single sign-on · Latch" };
export const dynamic = "force-dynamic";

const NOTICES: Record<string, { variant: "success" | "danger"; text: string }> = {
  ok: { variant: "success", text: "Test sign-in succeeded: the connection is verified and can be enabled." },
  domain_mismatch: { variant: "danger", text: "Test sign-in reached Latch, but the account's email is not in this connection's domains." },
  unverified_email: { variant: "danger", text: "Test sign-in reached Latch, but the IdP says the account's email is not verified." },
  no_email: { variant: "danger", text: "Test sign-in reached Latch, but the IdP sent no email address. Add the email scope/claim." },
  forbidden: { variant: "danger", text: "Only an admin of this organisation can test its connections." },
  idp_connection_unverified: { variant: "danger", text: "Run a successful test sign-in before enabling the connection." },
};
const FAILED = { variant: "danger" as const, text: "Test sign-in failed at the identity provider. Check the issuer, client id, secret and redirect URI." };

type Props = { searchParams: Promise<{ test?: string; reason?: string; error?: string }> };

export default async function SsoSettingsPage({ searchParams }: Props) {
  const actor = await requireActor();
  // The page's existence is not a developer's business: same answer as a wrong URL.
  if (!can(actor, "org.write")) notFound();
  const params = await searchParams;
  const [connections, org] = await Promise.all([listIdpConnections({ actor }), getOrgSsoSettings({ actor })]);
  const notice =
    params.test === "ok"
      ? NOTICES.ok
      : params.test === "failed"
        ? (NOTICES[params.reason ?? ""] ?? FAILED)
        : params.error
          ? (NOTICES[params.error] ?? FAILED)
          : undefined;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Single sign-on" description="Who can sign in to your organisation, through which identity provider, with which role." />
      {notice && (
        <Alert variant={notice.variant} data-testid="sso-notice">
          {notice.text}
        </Alert>
      )}
      <Card>
        <CardHeader>
          <CardTitle>Configured sign-in</CardTitle>
          <CardDescription>
            Domains: {org.emailDomains.join(", ") || "none"} · IdPs set up for this deployment: {ssoProviders.map((p) => p.name).join(", ") || "none"}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <GroupRolesForm initial={mappingsToText(org.groupRoleMappings)} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Your own identity provider</CardTitle>
          <CardDescription>
            Register{" "}
            <code className="break-all rounded bg-zinc-100 px-1 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200">{`${env.APP_URL}/api/auth/callback/${ORG_IDP_ID}`}</code>{" "}
            as the redirect URI at your IdP. People of the connection&apos;s domains are sent to it from the sign-in page once it is enabled.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6">
          {connections.length > 0 && (
            <ul className="flex flex-col divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {connections.map((c) => (
                <li key={c.id} data-testid="idp-connection" className="flex flex-wrap items-center gap-3 px-3 py-2.5 text-sm">
                  <span className="min-w-0 flex-1">
                    <span className="block truncate font-medium">{c.issuer}</span>
                    <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                      {idpKindLabel(c.kind)} · client {c.clientId} · {c.domains.join(", ")} ·{" "}
                      {c.verifiedAt ? `verified ${c.verifiedAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "not verified"}
                    </span>
                  </span>
                  <Badge data-testid="idp-connection-status" variant={c.status === "enabled" ? "success" : c.status === "disabled" ? "danger" : "warning"}>
                    {statusLabel(c.status)}
                  </Badge>
                  <form action={testConnectionAction.bind(null, c.id)}>
                    <Button type="submit" size="sm" variant="outline">
                      Test sign-in
                    </Button>
                  </form>
                  {c.status !== "enabled" ? (
                    <form action={enableConnectionAction.bind(null, c.id)}>
                      <Button type="submit" size="sm" disabled={!c.verifiedAt}>
                        Enable
                      </Button>
                    </form>
                  ) : (
                    <form action={disableConnectionAction.bind(null, c.id)}>
                      <Button type="submit" size="sm" variant="outline">
                        Disable
                      </Button>
                    </form>
                  )}
                  <form action={deleteConnectionAction.bind(null, c.id)}>
                    <ConfirmSubmit
                      label="Delete"
                      ariaLabel={`Delete connection ${c.issuer}`}
                      title={`Delete the connection to ${c.issuer}?`}
                      description="People of its domains can no longer sign in through it. Their memberships stay."
                      done="Connection deleted."
                    />
                  </form>
                </li>
              ))}
            </ul>
          )}
          <AddConnectionForm domains={org.emailDomains} />
        </CardContent>
      </Card>
    </div>
  );
}
