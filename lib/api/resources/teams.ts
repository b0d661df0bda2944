// The management API's teams and their members.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { listOf } from "@/lib/api/serializers/common";
import { AddTeamMemberBody, CreateTeamBody, ListTeamsQuery, TeamJson, UpdateTeamBody } from "@/lib/api/serializers/teams";

const TEAMS = { tag: "Teams", permission: "teams.write" } as const;

export const teamOperations = {
  listTeams: op({
    ...TEAMS,
    id: "listTeams",
    method: "GET",
    path: "/v1/teams",
    summary: "List teams",
    query: ListTeamsQuery,
    response: listOf(TeamJson, "TeamList"),
  }),
  createTeam: op({
    ...TEAMS,
    id: "createTeam",
    method: "POST",
    path: "/v1/teams",
    summary: "Create a team",
    description: "Optionally with a spend cap over all of the team's keys.",
    body: CreateTeamBody,
    response: TeamJson,
    status: 201,
  }),
  getTeam: op({ ...TEAMS, id: "getTeam", method: "GET", path: "/v1/teams/{id}", summary: "Retrieve a team with its members", response: TeamJson }),
  updateTeam: op({
    ...TEAMS,
    id: "updateTeam",
    method: "PATCH",
    path: "/v1/teams/{id}",
    summary: "Rename a team or change its spend cap or degrade rules",
    description: "The cap applies to the gateway's next request.",
    body: UpdateTeamBody,
    response: TeamJson,
  }),
  addTeamMember: op({
    ...TEAMS,
    id: "addTeamMember",
    method: "POST",
    path: "/v1/teams/{id}/members",
    summary: "Add a member to a team",
    description: "Idempotent: adding someone already in the team changes nothing.",
    body: AddTeamMemberBody,
    response: TeamJson,
  }),
  removeTeamMember: op({
    ...TEAMS,
    id: "removeTeamMember",
    method: "DELETE",
    path: "/v1/teams/{id}/members/{user_id}",
    summary: "Remove a member from a team",
    description: "The team's keys keep working; they belong to the team, not the person.",
    response: TeamJson,
  }),
};
