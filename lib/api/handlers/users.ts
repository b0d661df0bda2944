// Org members over the management API: wire input → lib/members and lib/budgets verbs → wire output. No rules live here.
import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { pageRows, toList } from "@/lib/api/serializers/common";
import { toSpendCap } from "@/lib/api/serializers/spend-caps";
import { toUserJson } from "@/lib/api/serializers/users";
import { setSpendCap } from "@/lib/budgets/set-cap";
import { getMember, listMembers } from "@/lib/members/list";
import { setMemberActive } from "@/lib/members/set-active";
import { setMemberRole } from "@/lib/members/set-role";
import { getMemberOrThrow } from "@/lib/teams/queries";

export const usersApi = {
  list: managementRoute(ops.listUsers, async ({ actor, query }) => {
    const rows = (await listMembers({ actor })).map((m) => ({ ...m, id: m.userId }));
    return toList(pageRows(rows, query), query.limit, toUserJson);
  }),

  update: managementRoute(ops.updateUser, async ({ actor, params, body }) => {
    const cap = toSpendCap(body);
    const { userId } = await getMemberOrThrow(actor, params.id);
    if (body.role !== undefined) await setMemberRole({ actor, input: { userId, role: body.role } });
    if (cap) await setSpendCap({ actor, input: { target: { scope: "user", userId }, cap } });
    if (body.active !== undefined) await setMemberActive({ actor, input: { userId, active: body.active } });
    return toUserJson(await getMember({ actor, userId }));
  }),
};
