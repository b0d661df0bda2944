import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { listCredentials } from "@/lib/credentials/list";
import { listRoutes } from "@/lib/routes/list";
import { providerIds } from "@/lib/providers/registry";
import { PageHeader } from "@/components/ui/page-header";
import { CredentialForm } from "@/components/admin/credential-form";
import { CredentialList } from "@/components/admin/credential-list";
import { RouteForm } from "@/components/admin/route-form";
import { RouteList } from "@/components/admin/route-list";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { createCredentialAction } from "./actions";

export const metadata: Metadata = { title: "Providers · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function ProvidersPage() {
  const actor = await requireAdminPage("providers.write");
  const [credentials, routes] = await Promise.all([listCredentials({ actor }), listRoutes({ actor })]);
  const names = Object.fromEntries(credentials.map((c) => [c.id, c.name]));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Providers and routes" description="Upstream credentials (secrets are write-only) and the model names clients may call." />
      <Card>
        <CardHeader>
          <CardTitle>Provider credentials</CardTitle>
          <CardDescription>Test a connection with one real call through the provider module.</CardDescription>
        </CardHeader>
        <CredentialList credentials={credentials} />
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Add a provider</CardTitle>
        </CardHeader>
        <CardContent>
          <CredentialForm providers={providerIds} action={createCredentialAction} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Model routes and aliases</CardTitle>
          <CardDescription>Several routes for one name fail over by priority.</CardDescription>
        </CardHeader>
        <RouteList routes={routes} credentialNames={names} />
        {credentials.length > 0 && (
          <CardContent className="border-t border-zinc-100 dark:border-zinc-800">
            <RouteForm credentials={credentials} />
          </CardContent>
        )}
      </Card>
    </div>
  );
}
