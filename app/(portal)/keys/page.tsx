import type { Metadata } from "next";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listKeys } from "@/lib/keys/list";
import { CreateKeyForm } from "@/components/keys/create-key-form";
import { KeysTable } from "@/components/keys/keys-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Keys · Latch" };
export const dynamic = "force-dynamic";

export default async function KeysPage() {
  const actor = await requireActor();
  const keys = await listKeys({ actor });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900">API keys</h1>
        <p className="text-sm text-zinc-500">Virtual keys for {env.APP_URL}/v1. Each one carries its own limits and can be revoked at any time.</p>
      </div>
      <CreateKeyForm appUrl={env.APP_URL} />
      <Card>
        <CardHeader>
          <CardTitle>{can(actor, "keys.read.all") ? "All keys in your organisation" : "Your keys"}</CardTitle>
          <CardDescription>{keys.length === 1 ? "1 key" : `${keys.length} keys`}</CardDescription>
        </CardHeader>
        <KeysTable keys={keys} />
      </Card>
    </div>
  );
}
