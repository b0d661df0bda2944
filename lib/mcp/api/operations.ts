// The MCP server management operations, spread into the one registry (lib/api/registry.ts) so
// the route walk and the OpenAPI document include them.
import { defineOperation as op } from "@/lib/api/operation";
import { deletedOf, listOf } from "@/lib/api/serializers/common";
import { ToolUsageJson, ToolUsageQuery } from "@/lib/mcp/api/usage-json";
import { CreateMcpServerBody, ListMcpServersQuery, McpServerJson, McpServerTestJson, McpToolListJson, UpdateMcpServerBody } from "@/lib/mcp/api/serializers";

const MCP = { tag: "MCP servers" } as const;
const READ = { ...MCP, permission: "mcp.read" } as const;
const WRITE = { ...MCP, permission: "mcp.write" } as const;

export const mcpOperations = {
  listMcpServers: op({
    ...READ,
    id: "listMcpServers",
    method: "GET",
    path: "/v1/mcp-servers",
    summary: "List MCP servers",
    query: ListMcpServersQuery,
    response: listOf(McpServerJson, "McpServerList"),
  }),
  createMcpServer: op({
    ...WRITE,
    id: "createMcpServer",
    method: "POST",
    path: "/v1/mcp-servers",
    summary: "Register an upstream MCP server",
    description: "The URL must pass the outbound address check; the credential is stored encrypted and never returned. Call `/test` to discover its tools.",
    body: CreateMcpServerBody,
    response: McpServerJson,
    status: 201,
  }),
  getMcpServer: op({ ...READ, id: "getMcpServer", method: "GET", path: "/v1/mcp-servers/{id}", summary: "Retrieve an MCP server", response: McpServerJson }),
  updateMcpServer: op({
    ...WRITE,
    id: "updateMcpServer",
    method: "PATCH",
    path: "/v1/mcp-servers/{id}",
    summary: "Update an MCP server",
    body: UpdateMcpServerBody,
    response: McpServerJson,
  }),
  deleteMcpServer: op({
    ...WRITE,
    id: "deleteMcpServer",
    method: "DELETE",
    path: "/v1/mcp-servers/{id}",
    summary: "Delete an MCP server",
    description: "Its tools disappear from every key at once; recorded tool calls are kept.",
    response: deletedOf("mcp_server", "DeletedMcpServer"),
  }),
  testMcpServer: op({
    ...WRITE,
    id: "testMcpServer",
    method: "POST",
    path: "/v1/mcp-servers/{id}/test",
    summary: "Test the connection and refresh its tools",
    description: "Opens a session with the stored credential, lists the server's tools and stores them.",
    response: McpServerTestJson,
  }),
  listMcpServerTools: op({
    ...READ,
    id: "listMcpServerTools",
    method: "GET",
    path: "/v1/mcp-servers/{id}/tools",
    summary: "List an MCP server's discovered tools",
    response: McpToolListJson,
  }),
  getToolUsage: op({
    tag: "Reports",
    permission: "usage.read.all",
    id: "getToolUsage",
    method: "GET",
    path: "/v1/usage/tools",
    summary: "MCP tool calls: calls, refusals, errors and cost by server and tool",
    description: "From the recorded tool calls (`ToolCallEvent`), refused ones included. Tool spend is also part of the spend budgets.",
    query: ToolUsageQuery,
    response: ToolUsageJson,
  }),
};
