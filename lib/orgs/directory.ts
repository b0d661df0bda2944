// Human labels for the ids the usage rollups carry (keys, people, teams), fetched in one round
// per kind and always within the org, so a dashboard never shows another org's names.
import { db } from "@/lib/db";

export type Directory = {
  key: (id: string | null) => string;
  user: (id: string | null) => string;
  team: (id: string | null) => string;
};

const unique = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => Boolean(id)))];

export async function loadDirectory(
  orgId: string,
  ids: { keyIds?: (string | null)[]; userIds?: (string | null)[]; teamIds?: (string | null)[] },
): Promise<Directory> {
  const [keys, users, teams] = await Promise.all([
    ids.keyIds?.length ? db.virtualKey.findMany({ where: { orgId, id: { in: unique(ids.keyIds) } }, select: { id: true, name: true, prefix: true } }) : [],
    ids.userIds?.length
      ? db.user.findMany({ where: { id: { in: unique(ids.userIds) }, memberships: { some: { orgId } } }, select: { id: true, email: true, name: true } })
      : [],
    ids.teamIds?.length ? db.team.findMany({ where: { orgId, id: { in: unique(ids.teamIds) } }, select: { id: true, name: true } }) : [],
  ]);
  const keyNames = new Map(keys.map((k) => [k.id, `${k.name} (${k.prefix}…)`]));
  const userNames = new Map(users.map((u) => [u.id, u.email]));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  // Rollups store '' for "no key/user/team" (e.g. team-less keys).
  return {
    key: (id) => (id ? (keyNames.get(id) ?? "deleted key") : "no key"),
    user: (id) => (id ? (userNames.get(id) ?? "former member") : "no owner"),
    team: (id) => (id ? (teamNames.get(id) ?? "deleted team") : "no team"),
  };
}
