import type { Metadata } from "next";
import Link from "next/link";
import { env } from "@/lib/env";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listKeysWithSpend, type KeyListFilter } from "@/lib/keys/list-with-spend";
import { listMyRequests } from "@/lib/key-requests/list";
import { EmptyKeys } from "@/components/keys/empty-keys";
import { KeyFilters } from "@/components/keys/key-filters";
import { KeyList } from "@/components/keys/key-list";
import { MyRequests } from "@/components/keys/my-requests";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Keys · Latch" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | undefined>> };
const pick = <T extends string>(value: string | undefined, allowed: readonly T[]) => allowed.find((a) => a === value);

export default async function KeysPage({ searchParams }: Props) {
  const actor = await requireActor();
  const params = await searchParams;
  const filter: KeyListFilter = {
    q: params.q?.slice(0, 100),
    status: pick(params.status, ["active", "expired", "revoked", "all"] as const),
    owner: pick(params.owner, ["all", "personal", "team"] as const),
  };
  const [keys, requests] = await Promise.all([listKeysWithSpend({ actor, filter }), listMyRequests({ actor })]);
  const everyone = can(actor, "keys.read.all");
  const filtered = Boolean(filter.q || (filter.status ?? "all") !== "all" || (filter.owner ?? "all") !== "all");

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={everyone ? "API keys" : "My keys"}
        description={`Virtual keys for ${env.APP_URL}/v1, each with its own limits. Revoke one at any time.`}
      >
        <Link href="/keys/new" className={buttonClasses({})}>
          Create key
        </Link>
      </PageHeader>
      {requests.length > 0 && (
        <Card>
          <CardHeader>
            <CardTitle>My requests</CardTitle>
            <CardDescription>Keys and changes that need an approver.</CardDescription>
          </CardHeader>
          <MyRequests rows={requests} appUrl={env.APP_URL} />
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>{everyone ? "All keys in your organisation" : "Your keys"}</CardTitle>
          <CardDescription>{keys.length === 1 ? "1 key" : `${keys.length} keys`} · spend this period against each key’s cap</CardDescription>
        </CardHeader>
        {(keys.length > 0 || filtered) && <KeyFilters filter={filter} />}
        {keys.length ? <KeyList keys={keys} showOwner={everyone} /> : <EmptyKeys appUrl={env.APP_URL} filtered={filtered} />}
      </Card>
    </div>
  );
}
