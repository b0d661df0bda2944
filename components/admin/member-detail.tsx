import Link from "next/link";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/admin/data-table";
import { RoleForm } from "@/components/admin/role-form";
import { SpendCapFields } from "@/components/admin/spend-cap-fields";
import { statusLabel } from "@/components/admin/labels";
import type { getMember } from "@/lib/members/list";
import { setMemberActiveAction, setMemberCapAction } from "@/app/(portal)/admin/members/actions";

type Member = Awaited<ReturnType<typeof getMember>>;

export function MemberDetail({ member, self }: { member: Member; self: boolean }) {
  const keys = member.keys.map((k) => ({
    name: k.name,
    href: `/admin/usage/keys/${k.id}`,
    prefix: `${k.prefix}…`,
    status: statusLabel(k.status),
    team: k.team?.name ?? null,
    lastUsed: k.lastUsedAt?.toISOString() ?? null,
    created: k.createdAt.toISOString(),
  }));
  return (
    <div className="grid grid-cols-1 gap-6 *:min-w-0 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle>Role and access</CardTitle>
          <CardDescription>Teams: {member.teams.map((t) => t.name).join(", ") || "none"}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <RoleForm userId={member.userId} email={member.user.email} role={member.role} />
          {!self && (
            <ActionButton
              action={setMemberActiveAction.bind(null, member.userId, !member.active)}
              label={member.active ? "Deactivate" : "Reactivate"}
              variant={member.active ? "destructive" : "outline"}
              confirm={member.active ? `Deactivate ${member.user.email}? They are signed out and their own keys stop working (team keys stay).` : undefined}
            />
          )}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Personal cap</CardTitle>
          <CardDescription>Across all keys this person owns.</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm action={setMemberCapAction.bind(null, member.userId)} submitLabel="Save cap">
            <div className="grid gap-4 sm:grid-cols-2">
              <SpendCapFields cap={member.cap} label="Spend cap (USD)" hint="Blank = no cap." />
            </div>
          </ActionForm>
        </CardContent>
      </Card>
      <Card className="lg:col-span-2">
        <CardHeader>
          <CardTitle>Keys</CardTitle>
          <CardDescription>
            Every key this person owns; manage them under{" "}
            <Link className="underline" href="/admin/keys">
              All keys
            </Link>
            .
          </CardDescription>
        </CardHeader>
        <DataTable
          testId="member-keys"
          empty="No keys."
          caption="Keys"
          searchable
          pageSize={25}
          rows={keys}
          columns={[
            { key: "name", label: "Key", linkKey: "href" },
            { key: "prefix", label: "Prefix" },
            { key: "status", label: "Status" },
            { key: "team", label: "Team" },
            { key: "lastUsed", label: "Last used", format: "datetime" },
            { key: "created", label: "Created", format: "date" },
          ]}
        />
      </Card>
    </div>
  );
}
