import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { listTeams } from "@/lib/teams/list";
import { listMembers } from "@/lib/members/list";
import { PageHeader } from "@/components/ui/page-header";
import { ActionForm } from "@/components/admin/action-form";
import { DataTable } from "@/components/admin/data-table";
import { Field } from "@/components/admin/field";
import { SpendCapFields } from "@/components/admin/spend-cap-fields";
import { Input } from "@/components/ui/input";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { createTeamAction } from "./actions";

export const metadata: Metadata = { title: "Teams · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function TeamsPage() {
  const actor = await requireAdminPage("teams.write");
  const [teams, members] = await Promise.all([listTeams({ actor }), listMembers({ actor })]);
  const rows = teams.map((t) => ({
    name: t.name,
    href: `/admin/teams/${t.id}`,
    members: t.members,
    activeKeys: t.activeKeys,
    cap: t.cap?.limitUsd ?? null,
    period: t.cap?.period ?? null,
  }));
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Teams" description="Group people and keys; a team cap covers every key that belongs to the team." />
      <Card>
        <CardHeader>
          <CardTitle>All teams</CardTitle>
        </CardHeader>
        <DataTable
          testId="teams-table"
          empty="No teams yet."
          caption="Teams"
          searchable
          pageSize={25}
          rows={rows}
          columns={[
            { key: "name", label: "Team", linkKey: "href" },
            { key: "members", label: "Members", format: "int" },
            { key: "activeKeys", label: "Active keys", format: "int" },
            { key: "cap", label: "Cap (USD)", format: "usd" },
            { key: "period", label: "Period" },
          ]}
        />
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Create a team</CardTitle>
          <CardDescription>Members can be added or removed later.</CardDescription>
        </CardHeader>
        <CardContent>
          <ActionForm action={createTeamAction} submitLabel="Create team" testId="create-team-form">
            <div className="grid gap-4 sm:grid-cols-3">
              <Field id="team-name" label="Team name">
                <Input id="team-name" name="name" required />
              </Field>
              <SpendCapFields cap={null} label="Team spend cap (USD)" idPrefix="team-" />
            </div>
            <fieldset>
              <legend className="mb-2 text-sm font-medium">Members</legend>
              <div className="flex flex-wrap gap-x-5 gap-y-2">
                {members
                  .filter((m) => m.active)
                  .map((m) => (
                    <label key={m.userId} className="flex items-center gap-2 text-sm">
                      <input type="checkbox" name="memberIds" value={m.userId} className="size-4 accent-zinc-900 dark:accent-zinc-100" />
                      {m.email}
                    </label>
                  ))}
              </div>
            </fieldset>
          </ActionForm>
        </CardContent>
      </Card>
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        People and roles are on the{" "}
        <Link className="underline" href="/admin/members">
          Members
        </Link>{" "}
        page.
      </p>
    </div>
  );
}
