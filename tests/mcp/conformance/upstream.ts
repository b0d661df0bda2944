// The tools, prompts and resources the MCP conformance suite's server scenarios use, on a plain
// SDK server, so the suite can run against Latch's /mcp/{server} with Latch proxying every
// request to this upstream.
import http from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type CallToolResult,
  type GetPromptResult,
  type ReadResourceResult,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";

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
  { name: "test_tool_with_logging", description: "Logs while it runs", inputSchema: empty },
  { name: "test_sampling", description: "Asks the client's model", inputSchema: { type: "object", properties: { prompt: { type: "string" } } } },
  { name: "test_elicitation", description: "Asks the user", inputSchema: { type: "object", properties: { message: { type: "string" } } } },
  { name: "test_elicitation_sep1034_defaults", description: "Asks with defaults", inputSchema: empty },
  { name: "test_elicitation_sep1330_enums", description: "Asks with enums", inputSchema: empty },
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

const user = (content: GetPromptResult["messages"][number]["content"]) => ({ role: "user" as const, content });
const text = (t: string) => user({ type: "text", text: t });

function prompt(name: string, args: Record<string, string> = {}): GetPromptResult {
  switch (name) {
    case "test_simple_prompt":
      return { messages: [text("This is a simple prompt for testing.")] };
    case "test_prompt_with_arguments":
      return { messages: [text(`Prompt with arguments: arg1='${args.arg1}', arg2='${args.arg2}'`)] };
    case "test_prompt_with_embedded_resource":
      return {
        messages: [
          user({ type: "resource", resource: { uri: args.resourceUri ?? "test://x", mimeType: "text/plain", text: "Embedded resource content for testing." } }),
          text("Please process the embedded resource above."),
        ],
      };
    default:
      return { messages: [user({ type: "image", data: PNG, mimeType: "image/png" }), text("Please analyze the image above.")] };
  }
}

function read(uri: string): ReadResourceResult {
  if (uri === "test://static-binary") return { contents: [{ uri, mimeType: "image/png", blob: PNG }] };
  const id = /^test:\/\/template\/([^/]+)\/data$/.exec(uri)?.[1];
  if (id) return { contents: [{ uri, mimeType: "application/json", text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }] };
  return { contents: [{ uri, mimeType: "text/plain", text: "This is the content of the static text resource." }] };
}

function addPromptsAndResources(server: Server): void {
  const promptNames = ["test_simple_prompt", "test_prompt_with_arguments", "test_prompt_with_embedded_resource", "test_prompt_with_image"];
  server.setRequestHandler(ListPromptsRequestSchema, () => ({
    prompts: promptNames.map((name) => ({
      name,
      description: `Conformance prompt ${name}`,
      ...(name === "test_prompt_with_arguments"
        ? {
            arguments: [
              { name: "arg1", required: true },
              { name: "arg2", required: true },
            ],
          }
        : {}),
    })),
  }));
  server.setRequestHandler(GetPromptRequestSchema, (request) => prompt(request.params.name, request.params.arguments));
  server.setRequestHandler(CompleteRequestSchema, (request) => ({
    completion: { values: ["paris", "park", "party"].filter((v) => v.startsWith(request.params.argument.value.slice(0, 1))), hasMore: false },
  }));
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: [
      { uri: "test://static-text", name: "static-text", description: "Static text", mimeType: "text/plain" },
      { uri: "test://static-binary", name: "static-binary", description: "Static binary", mimeType: "image/png" },
    ],
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: [{ uriTemplate: "test://template/{id}/data", name: "template", description: "Templated data", mimeType: "application/json" }],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => read(request.params.uri));
  server.setRequestHandler(SubscribeRequestSchema, () => ({}));
  server.setRequestHandler(UnsubscribeRequestSchema, () => ({}));
}

const ELICIT_SCHEMAS: Record<string, { message: string; requestedSchema: Record<string, unknown> }> = {
  test_elicitation: {
    message: "Please provide your information",
    requestedSchema: {
      type: "object",
      properties: { username: { type: "string", description: "User's response" }, email: { type: "string", description: "User's email address" } },
      required: ["username", "email"],
    },
  },
  test_elicitation_sep1034_defaults: {
    message: "Defaults",
    requestedSchema: {
      type: "object",
      properties: {
        name: { type: "string", default: "John Doe" },
        age: { type: "integer", default: 30 },
        score: { type: "number", default: 95.5 },
        status: { type: "string", enum: ["active", "inactive", "pending"], default: "active" },
        verified: { type: "boolean", default: true },
      },
    },
  },
  test_elicitation_sep1330_enums: {
    message: "Enums",
    requestedSchema: {
      type: "object",
      properties: {
        untitledSingle: { type: "string", enum: ["option1", "option2", "option3"] },
        titledSingle: { type: "string", oneOf: ["1", "2", "3"].map((n) => ({ const: `value${n}`, title: `Option ${n}` })) },
        legacyEnum: { type: "string", enum: ["opt1", "opt2", "opt3"], enumNames: ["Option One", "Option Two", "Option Three"] },
        untitledMulti: { type: "array", items: { type: "string", enum: ["option1", "option2", "option3"] } },
        titledMulti: { type: "array", items: { anyOf: ["1", "2", "3"].map((n) => ({ const: `value${n}`, title: `Choice ${n}` })) } },
      },
    },
  },
};

function build(): Server {
  const server = new Server(
    { name: "conformance-upstream", version: "1.0.0" },
    { capabilities: { tools: {}, prompts: {}, resources: { subscribe: true }, completions: {}, logging: {} } },
  );
  addPromptsAndResources(server);
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
      case "test_tool_with_logging":
        for (const data of ["Tool execution started", "Tool processing data", "Tool execution completed"])
          await extra.sendNotification({ method: "notifications/message", params: { level: "info", data } });
        return { content: [{ type: "text", text: "logged" }] };
      case "test_sampling": {
        const prompt = String(request.params.arguments?.prompt ?? "");
        const answer = await extra.sendRequest(
          { method: "sampling/createMessage", params: { messages: [{ role: "user", content: { type: "text", text: prompt } }], maxTokens: 100 } },
          CreateMessageResultSchema,
        );
        return { content: [{ type: "text", text: `LLM response: ${JSON.stringify(answer.content)}` }] };
      }
      case "test_elicitation":
      case "test_elicitation_sep1034_defaults":
      case "test_elicitation_sep1330_enums": {
        const ask = ELICIT_SCHEMAS[request.params.name]!;
        const answer = await extra.sendRequest({ method: "elicitation/create", params: ask }, ElicitResultSchema);
        return { content: [{ type: "text", text: `Elicitation completed: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}` }] };
      }
      default:
        return { content: [{ type: "text", text: "ok" }] };
    }
  });
  return server;
}

/** Stateful sessions: the answers to its sampling and elicitation requests come back on later POSTs. */
export async function startConformanceUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const httpServer = http.createServer((req, res) => {
    const id = req.headers["mcp-session-id"];
    const existing = typeof id === "string" ? sessions.get(id) : undefined;
    if (existing) return void existing.handleRequest(req, res).catch(() => res.end());
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (sid) => void sessions.set(sid, transport),
    });
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
