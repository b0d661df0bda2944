import type { Metadata } from "next";
import { plural } from "@/components/admin/labels";
import { orNotFound, requireAdminPage } from "@/lib/orgs/admin-page";
import { getTeam } from "@/lib/teams/list";
import { listMembers } from "@/lib/members/list";
import { PageHeader } from "@/components/ui/page-header";
import { TeamDetail } from "@/components/admin/team-detail";

export const metadata: Metadata = { title: "Team · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage("teams.write");
  const { id } = await params;
  const [team, members] = await Promise.all([orNotFound(getTeam({ actor, teamId: id })), listMembers({ actor })]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Teams", href: "/admin/teams" }, { label: team.name }]}
        title={team.name}
        description={`Team · ${plural(team.members.length, "member")} · ${plural(team.keys.length, "key")}`}
      />
      <TeamDetail team={team} candidates={members.filter((m) => m.active)} />
    </div>
  );
}
