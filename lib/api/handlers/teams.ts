// Teams over the management API: wire input → lib/teams and lib/budgets verbs → wire output. No rules live here.
import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { pageRows, toList } from "@/lib/api/serializers/common";
import { toSpendCap } from "@/lib/api/serializers/spend-caps";
import { toDegradeRules } from "@/lib/api/serializers/degrade-rules";
import { toTeamJson, toTeamListJson } from "@/lib/api/serializers/teams";
import type { Actor } from "@/lib/auth/permissions";
import { setSpendCap } from "@/lib/budgets/set-cap";
import { memberIdByEmail } from "@/lib/keys/owner";
import { addTeamMember } from "@/lib/teams/add-member";
import { createTeam } from "@/lib/teams/create";
import { getTeam, listTeams } from "@/lib/teams/list";
import { getTeamOrThrow } from "@/lib/teams/queries";
import { removeTeamMember } from "@/lib/teams/remove-member";
import { updateTeam } from "@/lib/teams/update";

const teamJson = async (actor: Actor, teamId: string) => toTeamJson(await getTeam({ actor, teamId }));

export const teamsApi = {
  list: managementRoute(ops.listTeams, async ({ actor, query }) => toList(pageRows(await listTeams({ actor }), query), query.limit, toTeamListJson)),

  create: managementRoute(ops.createTeam, async ({ actor, body }) => {
    const cap = toSpendCap(body);
    const team = await createTeam({ actor, input: { name: body.name, slug: body.slug, ...(cap ? { cap } : {}) } });
    return teamJson(actor, team.id);
  }),

  get: managementRoute(ops.getTeam, ({ actor, params }) => teamJson(actor, params.id)),

  update: managementRoute(ops.updateTeam, async ({ actor, params, body }) => {
    const cap = toSpendCap(body);
    const { id } = await getTeamOrThrow(actor, params.id);
    if (body.name !== undefined || body.degrade_rules !== undefined)
      await updateTeam({
        actor,
        input: { teamId: id, name: body.name, ...(body.degrade_rules ? { degradeRules: toDegradeRules(body.degrade_rules) } : {}) },
      });
    if (cap) await setSpendCap({ actor, input: { target: { scope: "team", teamId: id }, cap } });
    return teamJson(actor, id);
  }),

  addMember: managementRoute(ops.addTeamMember, async ({ actor, params, body }) => {
    const { id } = await getTeamOrThrow(actor, params.id);
    await addTeamMember({ actor, input: { teamId: id, userId: await memberIdByEmail(actor, body.user_email, "user_email") } });
    return teamJson(actor, id);
  }),

  removeMember: managementRoute(ops.removeTeamMember, async ({ actor, params }) => {
    await removeTeamMember({ actor, input: { teamId: params.id, userId: params.user_id } });
    return teamJson(actor, params.id);
  }),
};
