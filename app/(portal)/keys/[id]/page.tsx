import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/auth/session";
import { actorUserId, can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { valuesFromKey } from "@/lib/guardrails/key-values";
import { getSelfServiceContext } from "@/lib/guardrails/self-service-context";
import { getKeyWithUsage } from "@/lib/keys/get";
import { getKeyUsageHistory } from "@/lib/keys/usage-history";
import { listRoutedModels } from "@/lib/keys/routed-models";
import { RestrictionsForm } from "@/components/keys/restrictions-form";
import { KeyOverview } from "@/components/keys/key-overview";
import { EditKeyForm } from "@/components/keys/edit-key-form";
import { RevokeButton } from "@/components/keys/revoke-button";
import { RotateKey } from "@/components/keys/rotate-key";
import { exampleModel } from "@/components/keys/snippets";
import { DegradeRulesCard } from "@/components/admin/degrade-rules-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { storedDegradeRules } from "@/lib/policy/degrade-rules";
import { saveKeyDegradeRulesAction } from "../../degrade-actions";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Key · Latch" };
export const dynamic = "force-dynamic";

export default async function KeyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const { id } = await params;
  const loaded = await Promise.all([getKeyWithUsage({ actor, keyId: id }), getKeyUsageHistory({ actor, keyId: id })]).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const [{ key, usage }, history] = loaded;
  // Read access can be wider than write access (approvers see every key); only writers get the controls.
  const writable = key.status !== "revoked" && (can(actor, "keys.write.all") || key.ownerUserId === actorUserId(actor));
  const [context, models] = writable ? await Promise.all([getSelfServiceContext({ actor }), listRoutedModels({ actor })]) : [null, []];
  const guardrails = context?.teams.find((t) => t.id === key.teamId)?.guardrails ?? context?.personal;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Keys", href: "/keys" }, { label: key.name }]}
        title={key.name}
        description={writable ? "Usage, limits and restrictions of this key; rotate or revoke it here." : "Usage and limits of this key."}
      />
      <KeyOverview keyRow={key} spendUsd={usage.spendUsd} history={history} />
      {writable && context && guardrails && (
        <>
          <Card>
            <CardHeader>
              <CardTitle>Edit limits</CardTitle>
              <CardDescription>Changes reach the gateway within a second.</CardDescription>
            </CardHeader>
            <CardContent>
              <EditKeyForm keyId={key.id} name={key.name} current={valuesFromKey(key)} guardrails={guardrails} bound={context.bound} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Restrictions</CardTitle>
              <CardDescription>Narrow what this key may do. Restrictions never need an approver.</CardDescription>
            </CardHeader>
            <CardContent>
              <RestrictionsForm keyId={key.id} current={key} models={models} />
            </CardContent>
          </Card>
          {/* Degrade rules only soften the approach to the key's own caps, so they need no approver. */}
          <DegradeRulesCard
            scope="key"
            rules={storedDegradeRules(key.degradeRules)}
            models={models.map((m) => m.name)}
            action={saveKeyDegradeRulesAction.bind(null, key.id)}
          />
          <Card>
            <CardHeader>
              <CardTitle>Rotate</CardTitle>
              <CardDescription>Issue a new secret for this key, for example when the old one may have leaked.</CardDescription>
            </CardHeader>
            <CardContent>
              <RotateKey keyId={key.id} appUrl={env.APP_URL} model={exampleModel(key.allowedModels)} />
            </CardContent>
          </Card>
          <Card className="border-red-200 dark:border-red-900/60">
            <CardHeader>
              <CardTitle>Revoke</CardTitle>
              <CardDescription>Stops the key everywhere, for good.</CardDescription>
            </CardHeader>
            <CardContent>
              <RevokeButton keyId={key.id} keyName={key.name} />
            </CardContent>
          </Card>
        </>
      )}
    </div>
  );
}
