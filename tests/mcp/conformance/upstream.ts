// The tools the MCP conformance suite's server scenarios call, on a plain SDK server, so the
// suite can run against Latch's /mcp/{server} with Latch proxying every call to this upstream.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from "@modelcontextprotocol/sdk/types.js";

const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const WAV = "UklGRiQAAABXQVZFZm10IBAAAAABAAEARKwAAIhYAQACABAAZGF0YQAAAAA=";
const empty = { type: "object" as const, properties: {} };

const TOOLS: Tool[] = [
  { name: "test_simple_text", description: "Returns text", inputSchema: empty },
  { name: "test_image_content", description: "Returns an image", inputSchema: empty },
  { name: "test_audio_content", description: "Returns audio", inputSchema: empty },
  { name: "test_embedded_resource", description: "Returns a resource", inputSchema: empty },
  { name: "test_multiple_content_types", description: "Returns mixed content", inputSchema: empty },
  { name: "test_error_handling", description: "Returns a tool error", inputSchema: empty },
  { name: "test_tool_with_progress", description: "Reports progress", inputSchema: empty },
  {
    name: "json_schema_2020_12_tool",
    description: "Tool with JSON Schema 2020-12 features",
    inputSchema: {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      $defs: { address: { type: "object", properties: { street: { type: "string" }, city: { type: "string" } } } },
      properties: { name: { type: "string" }, address: { $ref: "#/$defs/address" } },
      additionalProperties: false,
    },
  },
];

const resource = { type: "resource" as const, resource: { uri: "test://resource", mimeType: "text/plain", text: "embedded" } };

function build(): Server {
  const server = new Server({ name: "conformance-upstream", version: "1.0.0" }, { capabilities: { tools: {} } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: TOOLS }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    switch (request.params.name) {
      case "test_simple_text":
        return { content: [{ type: "text", text: "This is a simple text response for testing." }] };
      case "test_image_content":
        return { content: [{ type: "image", data: PNG, mimeType: "image/png" }] };
      case "test_audio_content":
        return { content: [{ type: "audio", data: WAV, mimeType: "audio/wav" }] };
      case "test_embedded_resource":
        return { content: [resource] };
      case "test_multiple_content_types":
        return { content: [{ type: "text", text: "mixed" }, { type: "image", data: PNG, mimeType: "image/png" }, resource] };
      case "test_error_handling":
        return { isError: true, content: [{ type: "text", text: "This tool always fails." }] };
      case "test_tool_with_progress": {
        const token = request.params._meta?.progressToken;
        for (const progress of [0, 50, 100])
          if (token !== undefined) await extra.sendNotification({ method: "notifications/progress", params: { progressToken: token, progress, total: 100 } });
        return { content: [{ type: "text", text: "done" }] };
      }
      default:
        return { content: [{ type: "text", text: "ok" }] };
    }
  });
  return server;
}

export async function startConformanceUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const httpServer = http.createServer((req, res) => {
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    void build()
      .connect(transport)
      .then(() => transport.handleRequest(req, res))
      .catch(() => res.end());
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/mcp`,
    close: () => new Promise<void>((resolve) => (httpServer.closeAllConnections(), httpServer.close(() => resolve()))),
  };
}
