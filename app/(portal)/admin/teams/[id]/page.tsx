import type { Metadata } from "next";
import { plural } from "@/components/admin/labels";
import { orNotFound, requireAdminPage } from "@/lib/orgs/admin-page";
import { getTeam } from "@/lib/teams/list";
import { listMembers } from "@/lib/members/list";
import { PageHeader } from "@/components/ui/page-header";
import { TeamDetail } from "@/components/admin/team-detail";
import { DegradeRulesCard } from "@/components/admin/degrade-rules-card";
import { listRoutedModels } from "@/lib/keys/routed-models";
import { saveTeamDegradeRulesAction } from "../../../degrade-actions";

export const metadata: Metadata = { title: "Team · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function TeamPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage("teams.write");
  const { id } = await params;
  const [team, members, models] = await Promise.all([orNotFound(getTeam({ actor, teamId: id })), listMembers({ actor }), listRoutedModels({ actor })]);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        breadcrumbs={[{ label: "Teams", href: "/admin/teams" }, { label: team.name }]}
        title={team.name}
        description={`Team · ${plural(team.members.length, "member")} · ${plural(team.keys.length, "key")}`}
      />
      <TeamDetail team={team} candidates={members.filter((m) => m.active)} />
      <DegradeRulesCard scope="team" rules={team.degradeRules} models={models.map((m) => m.name)} action={saveTeamDegradeRulesAction.bind(null, team.id)} />
    </div>
  );
}
