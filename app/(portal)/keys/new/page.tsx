import type { Metadata } from "next";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/auth/session";
import { getSelfServiceContext } from "@/lib/guardrails/self-service-context";
import { CreateKeyForm } from "@/components/keys/create-key-form";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Create key · Latch" };
export const dynamic = "force-dynamic";

export default async function NewKeyPage() {
  const actor = await requireActor();
  const context = await getSelfServiceContext({ actor });
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Keys", href: "/keys" }, { label: "Create key" }]}
        title="Create a key"
        description="Prefilled with your organisation’s defaults. Within the limits shown you get the key at once; beyond them the form becomes a request for an approver."
      />
      <Card>
        <CardContent className="pt-5">
          <CreateKeyForm appUrl={env.APP_URL} context={context} />
        </CardContent>
      </Card>
    </div>
  );
}
