import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { listManagementTokens } from "@/lib/management-tokens/list";
import { TOKEN_SCOPES } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { ActionButton } from "@/components/admin/action-button";
import { TokenForm } from "@/components/admin/token-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens · Admin · Latch" };
export const dynamic = "force-dynamic";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "never");

export default async function TokensPage() {
  const actor = await requireAdminPage("tokens.write");
  const tokens = await listManagementTokens({ actor });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Management API tokens" description="For automation against /v1/keys, /v1/providers, /v1/usage and the rest of the REST API." />
      <Card>
        <CardHeader>
          <CardTitle>Create a token</CardTitle>
          <CardDescription>Grant only the scopes the automation needs.</CardDescription>
        </CardHeader>
        <CardContent>
          <TokenForm scopes={TOKEN_SCOPES} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Tokens</CardTitle>
        </CardHeader>
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="token-list">
          {tokens.length === 0 && <li className="px-4 py-4 text-sm text-zinc-500 dark:text-zinc-400 sm:px-5">No tokens yet.</li>}
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center gap-2 px-4 py-2.5 text-sm sm:px-5" data-token-name={t.name}>
              <span className="font-medium">{t.name}</span>
              <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{t.prefix}…</span>
              {t.scopes.map((s) => (
                <Badge key={s} variant="outline">
                  {s}
                </Badge>
              ))}
              {t.revokedAt && <Badge variant="danger">revoked</Badge>}
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                created {day(t.createdAt)} · last used {day(t.lastUsedAt)} · expires {day(t.expiresAt)}
              </span>
              {!t.revokedAt && (
                <span className="ml-auto">
                  <ActionButton
                    action={revokeTokenAction.bind(null, t.id)}
                    label="Revoke"
                    variant="destructive"
                    confirm={`Revoke “${t.name}”? Calls with it fail at once.`}
                    ariaLabel={`Revoke token ${t.name}`}
                    done={`Token “${t.name}” revoked.`}
                  />
                </span>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
