// The /scim/v2 endpoints: read the query, call a verb, render SCIM JSON. Route files export these.
import { parseFilter } from "@/lib/scim/filter";
import { scimPublicRoute, scimRoute } from "@/lib/scim/route";
import { listResponse, toScimGroup, toScimUser } from "@/lib/scim/serializers";
import { MAX_RESULTS, resourceTypes, schemas, serviceProviderConfig } from "@/lib/scim/discovery";
import { createScimUser, deleteScimUser, getScimUser, listScimUsers, patchScimUser, replaceScimUser, type Page } from "@/lib/scim/users";
import { createScimGroup, deleteScimGroup, getScimGroup, listScimGroups, patchScimGroup, replaceScimGroup } from "@/lib/scim/groups";

const DEFAULT_COUNT = 100;

/** RFC 7644 §3.4.2.4: 1-based startIndex; out-of-range values are clamped, not refused. */
function listQuery(url: URL): { filter: ReturnType<typeof parseFilter> | null; page: Page } {
  const int = (name: string) => {
    const n = Number.parseInt(url.searchParams.get(name) ?? "", 10);
    return Number.isFinite(n) ? n : null;
  };
  const filter = url.searchParams.get("filter");
  return {
    filter: filter?.trim() ? parseFilter(filter) : null,
    page: { startIndex: Math.max(1, int("startIndex") ?? 1), count: Math.min(MAX_RESULTS, Math.max(0, int("count") ?? DEFAULT_COUNT)) },
  };
}

/** Okta and Entra ask for groups without members when they only need ids; large teams stay cheap. */
const withMembers = (url: URL) =>
  !(url.searchParams.get("excludedAttributes") ?? "")
    .toLowerCase()
    .split(",")
    .map((s) => s.trim())
    .includes("members");

const ok = (body: unknown) => ({ status: 200, body });
const created = (body: { meta: { location: string } }) => ({ status: 201, body, headers: { location: body.meta.location } });
const noContent = { status: 204 } as const;

export const users = {
  list: scimRoute(async ({ actor, url, base }) => {
    const { filter, page } = listQuery(url);
    const { total, rows } = await listScimUsers({ actor, filter, page });
    return ok(
      listResponse(
        rows.map((r) => toScimUser(r, base)),
        total,
        page.startIndex,
      ),
    );
  }),
  create: scimRoute(async ({ actor, base, body }) => created(toScimUser(await createScimUser({ actor, body: await body() }), base))),
  get: scimRoute(async ({ actor, base, id }) => ok(toScimUser(await getScimUser({ actor, userId: id }), base))),
  replace: scimRoute(async ({ actor, base, id, body }) => ok(toScimUser(await replaceScimUser({ actor, userId: id, body: await body() }), base))),
  patch: scimRoute(async ({ actor, base, id, body }) => ok(toScimUser(await patchScimUser({ actor, userId: id, body: await body() }), base))),
  remove: scimRoute(async ({ actor, id }) => {
    await deleteScimUser({ actor, userId: id });
    return noContent;
  }),
};

export const groups = {
  list: scimRoute(async ({ actor, url, base }) => {
    const { filter, page } = listQuery(url);
    const { total, rows } = await listScimGroups({ actor, filter, page });
    return ok(
      listResponse(
        rows.map((r) => toScimGroup(r, base, { members: withMembers(url) })),
        total,
        page.startIndex,
      ),
    );
  }),
  create: scimRoute(async ({ actor, base, body }) => created(toScimGroup(await createScimGroup({ actor, body: await body() }), base))),
  get: scimRoute(async ({ actor, url, base, id }) => ok(toScimGroup(await getScimGroup({ actor, teamId: id }), base, { members: withMembers(url) }))),
  replace: scimRoute(async ({ actor, base, id, body }) => ok(toScimGroup(await replaceScimGroup({ actor, teamId: id, body: await body() }), base))),
  patch: scimRoute(async ({ actor, url, base, id, body }) =>
    ok(toScimGroup(await patchScimGroup({ actor, teamId: id, body: await body() }), base, { members: withMembers(url) })),
  ),
  remove: scimRoute(async ({ actor, id }) => {
    await deleteScimGroup({ actor, teamId: id });
    return noContent;
  }),
};

export const discovery = {
  serviceProviderConfig: scimPublicRoute(serviceProviderConfig),
  resourceTypes: scimPublicRoute(resourceTypes),
  schemas: scimPublicRoute(schemas),
};
