import type { Metadata } from "next";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/auth/session";
import { getSelfServiceContext } from "@/lib/guardrails/self-service-context";
import { CreateKeyForm } from "@/components/keys/create-key-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Create key · Latch" };
export const dynamic = "force-dynamic";

export default async function NewKeyPage() {
  const actor = await requireActor();
  const context = await getSelfServiceContext({ actor });
  return (
    <Card className="mx-auto w-full max-w-3xl">
      <CardHeader>
        <CardTitle>Create a key</CardTitle>
        <CardDescription>
          Prefilled with your organisation’s defaults. Within the limits shown you get the key at once; beyond them the form becomes a request for an approver.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <CreateKeyForm appUrl={env.APP_URL} context={context} />
      </CardContent>
    </Card>
  );
}
