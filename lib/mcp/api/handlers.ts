import { managementRoute } from "@/lib/api/management-route";
import { toList } from "@/lib/api/serializers/common";
import { mcpOperations as ops } from "@/lib/mcp/api/operations";
import { toCreateInput, toMcpServerJson, toMcpServerTestJson, toMcpToolJson, toUpdateInput } from "@/lib/mcp/api/serializers";
import { createMcpServer } from "@/lib/mcp/servers/create";
import { deleteMcpServer } from "@/lib/mcp/servers/delete";
import { getMcpServer, listMcpServers, listMcpServerTools } from "@/lib/mcp/servers/list";
import { testMcpServer } from "@/lib/mcp/servers/test";
import { updateMcpServer } from "@/lib/mcp/servers/update";
import { toolUsage } from "@/lib/mcp/calls/usage";
import { toToolUsageJson } from "@/lib/mcp/api/usage-json";
import { periodWindow } from "@/lib/policy/periods";
import { orgTimeZone } from "@/lib/usage/queries-for-keys";

export const mcpServersApi = {
  list: managementRoute(ops.listMcpServers, async ({ actor, query }) =>
    toList(await listMcpServers({ actor, take: query.limit + 1, after: query.after }), query.limit, toMcpServerJson),
  ),
  create: managementRoute(ops.createMcpServer, async ({ actor, body }) => toMcpServerJson(await createMcpServer({ actor, input: toCreateInput(body) }))),
  get: managementRoute(ops.getMcpServer, async ({ actor, params }) => toMcpServerJson(await getMcpServer({ actor, serverId: params.id }))),
  update: managementRoute(ops.updateMcpServer, async ({ actor, params, body }) =>
    toMcpServerJson(await updateMcpServer({ actor, input: toUpdateInput(params.id, body) })),
  ),
  delete: managementRoute(ops.deleteMcpServer, async ({ actor, params }) => {
    await deleteMcpServer({ actor, serverId: params.id });
    return { id: params.id, object: "mcp_server" as const, deleted: true as const };
  }),
  test: managementRoute(ops.testMcpServer, async ({ actor, params }) => toMcpServerTestJson(await testMcpServer({ actor, serverId: params.id }))),
  tools: managementRoute(ops.listMcpServerTools, async ({ actor, params }) => {
    const { server, tools } = await listMcpServerTools({ actor, serverId: params.id });
    return { object: "list" as const, data: tools.map((t) => toMcpToolJson(server.slug, t)) };
  }),
  usage: managementRoute(ops.getToolUsage, async ({ actor, query }) => {
    const now = Date.now();
    const from = query.start ? new Date(query.start) : new Date(periodWindow("monthly", await orgTimeZone(actor.orgId), now).start);
    const range = { from, to: query.end ? new Date(query.end) : new Date(now) };
    return toToolUsageJson(range, await toolUsage({ actor, range, limit: query.limit }));
  }),
};
