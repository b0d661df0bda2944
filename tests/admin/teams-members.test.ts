// Teams (caps, members, guardrails) and members (roles, deactivation): admin-only and org-scoped.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, type TestOrg } from "@/tests/helpers/org";
import { db } from "@/lib/db";
import { loadGuardrails } from "@/lib/guardrails/queries";
import { getMember, listMembers } from "@/lib/members/list";
import { setMemberActive } from "@/lib/members/set-active";
import { setMemberRole } from "@/lib/members/set-role";
import { addTeamMember } from "@/lib/teams/add-member";
import { createTeam } from "@/lib/teams/create";
import { deleteTeam } from "@/lib/teams/delete";
import { getTeam, listTeams } from "@/lib/teams/list";
import { removeTeamMember } from "@/lib/teams/remove-member";
import { updateTeam } from "@/lib/teams/update";

let t: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  t = await createTestOrg("http://127.0.0.1:9");
  other = await createTestOrg("http://127.0.0.1:9");
});

describe("teams", () => {
  it("creates a team with a cap and members, then manages members, guardrails and deletion", async () => {
    const team = await createTeam({
      actor: t.adminActor,
      input: { name: "ML Platform", cap: { limitUsd: 100, period: "monthly" }, memberIds: [t.developer.id] },
    });
    expect(team.slug).toBe("ml-platform");
    expect((await createTeam({ actor: t.adminActor, input: { name: "ML-Platform" } })).slug).toBe("ml-platform-2");
    expect((await listTeams({ actor: t.adminActor })).find((r) => r.id === team.id)).toMatchObject({ members: 1, cap: { limitUsd: 100, period: "monthly" } });

    await addTeamMember({ actor: t.adminActor, input: { teamId: team.id, userId: t.admin.id } });
    await addTeamMember({ actor: t.adminActor, input: { teamId: team.id, userId: t.admin.id } });
    await removeTeamMember({ actor: t.adminActor, input: { teamId: team.id, userId: t.developer.id } });
    expect((await getTeam({ actor: t.adminActor, teamId: team.id })).members.map((m) => m.userId)).toEqual([t.admin.id]);

    await updateTeam({
      actor: t.adminActor,
      input: { teamId: team.id, name: "ML", defaultKeyPolicy: { rpmLimit: 30 }, maxKeyPolicy: { maxRpm: 30, allowTeamKeys: true } },
    });
    expect((await loadGuardrails(t.org.id, team.id)).limits).toMatchObject({ maxRpm: 30, allowTeamKeys: true });

    const key = await t.key({ teamId: team.id });
    await deleteTeam({ actor: t.adminActor, teamId: team.id });
    expect(await db.team.findUnique({ where: { id: team.id } })).toBeNull();
    expect(await db.budget.count({ where: { teamId: team.id } })).toBe(0);
    expect(await db.virtualKey.findUniqueOrThrow({ where: { id: key.id } })).toMatchObject({ teamId: null, status: "active" });
  });

  it("refuses a second team of the same name (ignoring case and spaces), on create and on rename", async () => {
    const a = await createTeam({ actor: t.adminActor, input: { name: "Research" } });
    await expect(createTeam({ actor: t.adminActor, input: { name: " research " } })).rejects.toMatchObject({
      status: 409,
      param: "name",
      code: "already_exists",
    });
    const b = await createTeam({ actor: t.adminActor, input: { name: "Research 2" } });
    await expect(updateTeam({ actor: t.adminActor, input: { teamId: b.id, name: "RESEARCH" } })).rejects.toMatchObject({ status: 409, param: "name" });
    await updateTeam({ actor: t.adminActor, input: { teamId: a.id, name: "Research" } });
    expect((await createTeam({ actor: other.adminActor, input: { name: "Research" } })).name).toBe("Research");
  });

  it("refuses team defaults above the maxima the team ends up with", async () => {
    const team = await createTeam({ actor: t.adminActor, input: { name: "Capped defaults" } });
    await expect(
      updateTeam({ actor: t.adminActor, input: { teamId: team.id, defaultKeyPolicy: { rpmLimit: 500 }, maxKeyPolicy: { maxRpm: 100 } } }),
    ).rejects.toMatchObject({ status: 400, param: "defaultKeyPolicy.rpmLimit", code: "default_above_maximum" });
    await updateTeam({ actor: t.adminActor, input: { teamId: team.id, defaultKeyPolicy: { rpmLimit: 50 }, maxKeyPolicy: { maxRpm: 100 } } });
    expect((await loadGuardrails(t.org.id, team.id)).defaults.rpmLimit).toBe(50);
    await expect(updateTeam({ actor: t.adminActor, input: { teamId: team.id, defaultKeyPolicy: { models: ["gpt 4o"] } } })).rejects.toThrow();
  });

  it("caller without permission is rejected", async () => {
    const team = await createTeam({ actor: t.adminActor, input: { name: "Locked" } });
    for (const call of [
      () => createTeam({ actor: t.developerActor, input: { name: "Nope" } }),
      () => updateTeam({ actor: t.developerActor, input: { teamId: team.id, name: "x" } }),
      () => addTeamMember({ actor: t.developerActor, input: { teamId: team.id, userId: t.developer.id } }),
      () => removeTeamMember({ actor: t.developerActor, input: { teamId: team.id, userId: t.developer.id } }),
      () => deleteTeam({ actor: t.developerActor, teamId: team.id }),
      () => listTeams({ actor: t.developerActor }),
    ])
      await expect(call()).rejects.toMatchObject({ status: 403 });
  });

  it("cannot touch another org's row", async () => {
    const foreign = await createTeam({ actor: other.adminActor, input: { name: "Theirs" } });
    await expect(updateTeam({ actor: t.adminActor, input: { teamId: foreign.id, name: "Mine" } })).rejects.toMatchObject({ status: 404 });
    await expect(deleteTeam({ actor: t.adminActor, teamId: foreign.id })).rejects.toMatchObject({ status: 404 });
    await expect(getTeam({ actor: t.adminActor, teamId: foreign.id })).rejects.toMatchObject({ status: 404 });
    await expect(addTeamMember({ actor: t.adminActor, input: { teamId: foreign.id, userId: t.developer.id } })).rejects.toMatchObject({ status: 404 });
    const mine = await createTeam({ actor: t.adminActor, input: { name: "Ours" } });
    await expect(addTeamMember({ actor: t.adminActor, input: { teamId: mine.id, userId: other.developer.id } })).rejects.toMatchObject({ status: 404 });
    await expect(createTeam({ actor: t.adminActor, input: { name: "Mixed", memberIds: [other.developer.id] } })).rejects.toMatchObject({ status: 400 });
    expect((await db.team.findUniqueOrThrow({ where: { id: foreign.id } })).name).toBe("Theirs");
    expect((await listTeams({ actor: t.adminActor })).map((x) => x.id)).not.toContain(foreign.id);
  });
});

describe("members", () => {
  it("lists members with their keys and changes roles, never leaving the org without an admin", async () => {
    await t.key({ name: "dev key" });
    const dev = (await listMembers({ actor: t.adminActor })).find((m) => m.userId === t.developer.id);
    expect(dev).toMatchObject({ role: "developer", active: true, email: t.developer.email });
    expect((await getMember({ actor: t.adminActor, userId: t.developer.id })).keys.map((k) => k.name)).toContain("dev key");

    await setMemberRole({ actor: t.adminActor, input: { userId: t.developer.id, role: "approver" } });
    expect((await db.membership.findFirstOrThrow({ where: { orgId: t.org.id, userId: t.developer.id } })).role).toBe("approver");
    await expect(setMemberRole({ actor: t.adminActor, input: { userId: t.admin.id, role: "developer" } })).rejects.toMatchObject({ code: "last_admin" });
    await setMemberRole({ actor: t.adminActor, input: { userId: t.developer.id, role: "developer" } });
  });

  it("deactivation stops the member's own keys (team keys stay) and can be undone (keys stay revoked)", async () => {
    const key = await t.key({ name: "leaver" });
    const team = await createTeam({ actor: t.adminActor, input: { name: "Keeps keys" } });
    const teamKey = await t.key({ name: "team key", teamId: team.id });
    expect(await setMemberActive({ actor: t.adminActor, input: { userId: t.developer.id, active: false } })).toEqual({ stoppedKeys: expect.any(Number) });
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: key.id } })).status).toBe("revoked");
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: teamKey.id } })).status).toBe("active");
    await expect(setMemberActive({ actor: t.adminActor, input: { userId: t.admin.id, active: false } })).rejects.toMatchObject({ status: 400 });
    await setMemberActive({ actor: t.adminActor, input: { userId: t.developer.id, active: true } });
    expect((await db.membership.findFirstOrThrow({ where: { orgId: t.org.id, userId: t.developer.id } })).active).toBe(true);
    expect((await db.virtualKey.findUniqueOrThrow({ where: { id: key.id } })).status).toBe("revoked");
  });

  it("caller without permission is rejected", async () => {
    await expect(listMembers({ actor: t.developerActor })).rejects.toMatchObject({ status: 403 });
    await expect(getMember({ actor: t.developerActor, userId: t.admin.id })).rejects.toMatchObject({ status: 403 });
    await expect(setMemberRole({ actor: t.developerActor, input: { userId: t.developer.id, role: "admin" } })).rejects.toMatchObject({ status: 403 });
    await expect(setMemberActive({ actor: t.developerActor, input: { userId: t.admin.id, active: false } })).rejects.toMatchObject({ status: 403 });
  });

  it("cannot touch another org's row", async () => {
    await expect(setMemberRole({ actor: t.adminActor, input: { userId: other.developer.id, role: "admin" } })).rejects.toMatchObject({ status: 404 });
    await expect(setMemberActive({ actor: t.adminActor, input: { userId: other.developer.id, active: false } })).rejects.toMatchObject({ status: 404 });
    await expect(getMember({ actor: t.adminActor, userId: other.developer.id })).rejects.toMatchObject({ status: 404 });
    expect((await db.membership.findFirstOrThrow({ where: { orgId: other.org.id, userId: other.developer.id } })).role).toBe("developer");
    expect((await listMembers({ actor: t.adminActor })).map((m) => m.userId)).not.toContain(other.developer.id);
  });
});
