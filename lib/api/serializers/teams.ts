// Teams on the wire (snake_case) ↔ lib/teams (camelCase). Field rules come from lib/teams/schemas.
import { z } from "zod";
import { CreateTeamInput } from "@/lib/teams/schemas";
import type { listTeams, TeamDetail } from "@/lib/teams/list";
import { PageQuery } from "@/lib/api/serializers/common";
import { DegradeRulesBody, DegradeRulesJson, toDegradeRulesJson } from "@/lib/api/serializers/degrade-rules";
import { capFields, capJsonFields, toCapJson } from "@/lib/api/serializers/spend-caps";

const team = CreateTeamInput.shape;

export const CreateTeamBody = z
  .strictObject({ name: team.name, slug: team.slug.describe("Lowercase letters, digits and dashes; derived from the name when absent."), ...capFields })
  .meta({ title: "CreateTeamRequest" });
export const UpdateTeamBody = z
  .strictObject({ name: team.name.optional(), ...capFields, degrade_rules: DegradeRulesBody.optional() })
  .meta({ title: "UpdateTeamRequest" });
export const AddTeamMemberBody = z
  .strictObject({ user_email: z.email().describe("The email of an active member of the org.") })
  .meta({ title: "AddTeamMemberRequest" });
export const ListTeamsQuery = PageQuery;

export const TeamJson = z
  .object({
    id: z.string(),
    object: z.literal("team"),
    name: z.string(),
    slug: z.string(),
    member_count: z.number().int(),
    members: z
      .array(z.object({ user_id: z.string(), email: z.string(), name: z.string().nullable() }))
      .optional()
      .describe("On a single team, not in lists."),
    degrade_rules: DegradeRulesJson.optional().describe("On a single team, not in lists."),
    ...capJsonFields,
  })
  .meta({ title: "Team" });

type TeamRow = Awaited<ReturnType<typeof listTeams>>[number];

export const toTeamListJson = (t: TeamRow): z.input<typeof TeamJson> => ({
  id: t.id,
  object: "team",
  name: t.name,
  slug: t.slug,
  member_count: t.members,
  ...toCapJson(t.cap),
});

export const toTeamJson = (t: TeamDetail): z.input<typeof TeamJson> => ({
  id: t.id,
  object: "team",
  name: t.name,
  slug: t.slug,
  member_count: t.members.length,
  members: t.members.map((m) => ({ user_id: m.userId, email: m.user.email, name: m.user.name })),
  degrade_rules: toDegradeRulesJson(t.degradeRules),
  ...toCapJson(t.cap),
});
