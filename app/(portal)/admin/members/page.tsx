import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { listInviteDomains, listMembers } from "@/lib/members/list";
import { PageHeader } from "@/components/ui/page-header";
import { InviteMemberForm } from "@/components/admin/invite-member-form";
import { RoleForm } from "@/components/admin/role-form";
import { formatCell } from "@/components/admin/format";
import { periodSuffix, plural } from "@/components/admin/labels";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Members · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function MembersPage() {
  const actor = await requireAdminPage("members.write");
  const [members, domains] = await Promise.all([listMembers({ actor }), listInviteDomains({ actor })]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Members" description="Everyone in this organisation. Roles apply on their next page load; deactivate someone from their page." />
      <Card>
        <CardHeader>
          <CardTitle>Add a person</CardTitle>
          <CardDescription>They are pending until their first sign-in with single sign-on, and start with the role you pick.</CardDescription>
        </CardHeader>
        <CardContent>
          <InviteMemberForm domains={domains} />
        </CardContent>
      </Card>
      <Card>
        <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="members-list">
          {members.map((m) => (
            <li key={m.userId} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:px-5" data-email={m.email}>
              <div className="min-w-0 flex-1">
                <Link href={`/admin/members/${m.userId}`} className="font-medium underline-offset-2 hover:underline">
                  {m.email}
                </Link>
                {!m.active && (
                  <Badge variant="warning" className="ml-2">
                    Deactivated
                  </Badge>
                )}
                {m.active && m.pending && (
                  <Badge variant="outline" className="ml-2" data-testid="pending-badge">
                    Pending sign-in
                  </Badge>
                )}
                <p className="text-xs text-zinc-500 dark:text-zinc-400">
                  {m.name ?? "—"} · {m.teams.map((t) => t.name).join(", ") || "no team"} · {plural(m.activeKeys, "active key", "active keys", "no active keys")}{" "}
                  · cap {m.cap ? `${formatCell(m.cap.limitUsd, "usd")} ${periodSuffix(m.cap.period)}` : "none"}
                </p>
              </div>
              <RoleForm userId={m.userId} email={m.email} role={m.role} />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
