import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { searchKeys, type KeySearch } from "@/lib/keys/search";
import { KEY_KINDS } from "@/lib/keys/schemas";
import { inactiveKeys } from "@/lib/usage/key-activity";
import { listMembers } from "@/lib/members/list";
import { listTeams } from "@/lib/teams/list";
import { PageHeader } from "@/components/ui/page-header";
import { AdminKeyFilters } from "@/components/admin/key-filters";
import { InactiveKeys } from "@/components/admin/inactive-keys";
import { KeysTable } from "@/components/admin/keys-table";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "All keys · Admin · Latch" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | undefined>> };
const STATUSES = ["active", "expired", "suspended", "revoked", "pending"] as const;

export default async function AdminKeysPage({ searchParams }: Props) {
  const actor = await requireAdminPage("keys.write.all");
  const p = await searchParams;
  const days = Math.min(Math.max(Number.parseInt(p.days ?? "30", 10) || 30, 1), 365);
  const filter: KeySearch = {
    q: p.q?.slice(0, 100),
    ownerUserId: p.owner || undefined,
    teamId: p.team || undefined,
    model: p.model?.slice(0, 200) || undefined,
    status: STATUSES.find((s) => s === p.status),
    kind: KEY_KINDS.find((k) => k === p.kind),
  };
  const [keys, idle, members, teams] = await Promise.all([
    searchKeys({ actor, filter }),
    inactiveKeys({ actor, days }),
    listMembers({ actor }),
    listTeams({ actor }),
  ]);
  const rows = keys.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    status: k.status,
    kind: k.kind,
    owner: k.owner?.email ?? null,
    team: k.team?.name ?? null,
    lastUsed: k.lastUsedAt?.toISOString() ?? null,
    created: k.createdAt.toISOString(),
  }));
  const emails = new Map(members.map((m) => [m.userId, m.email]));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="All keys" description="Every virtual key in the organisation. Revocation is final and takes effect within a second." />
      <Card>
        <CardHeader>
          <CardTitle>Keys</CardTitle>
          <CardDescription>{rows.length === 1 ? "1 key" : `${rows.length} keys`} (newest first, up to 200)</CardDescription>
        </CardHeader>
        <AdminKeyFilters
          values={{ q: p.q, owner: p.owner, team: p.team, status: p.status, kind: p.kind, model: p.model }}
          owners={members.map((m) => ({ id: m.userId, label: m.email }))}
          teams={teams.map((t) => ({ id: t.id, label: t.name }))}
        />
        <KeysTable rows={rows} />
      </Card>
      <InactiveKeys
        days={days}
        keys={idle.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          owner: k.ownerUserId ? (emails.get(k.ownerUserId) ?? null) : null,
          lastUsed: k.lastUsedAt?.toISOString() ?? null,
        }))}
      />
    </div>
  );
}
