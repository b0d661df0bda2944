// prompts/list, prompts/get and completion/complete forwarded to the upstreams, read live (not
// stored), named `<server>__<prompt>` on /mcp. Prompts follow the server rules of the policy.
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  ErrorCode,
  McpError,
  type CompleteRequest,
  type CompleteResult,
  type GetPromptRequest,
  type GetPromptResult,
  type ListPromptsResult,
  type Prompt,
} from "@modelcontextprotocol/sdk/types.js";
import type { McpContext } from "@/lib/mcp/gateway/context";
import type { UpstreamCallScope } from "@/lib/mcp/upstream/call-scope";
import { assertResultSize, assertServerAllowed, listAcross, onUpstream } from "@/lib/mcp/gateway/forward";
import { namespaced, splitName } from "@/lib/mcp/gateway/names";
import { resolveResourceServer } from "@/lib/mcp/gateway/resources";
import type { CatalogServer } from "@/lib/mcp/gateway/catalog";

export async function listPrompts(ctx: McpContext, cursor: string | undefined, signal: AbortSignal): Promise<ListPromptsResult> {
  const { items, nextCursor } = await listAcross<Prompt>(
    ctx,
    "prompts",
    cursor,
    async (client: Client, c, s) => {
      const page = await client.listPrompts(c ? { cursor: c } : undefined, { signal: s });
      return { items: page.prompts, nextCursor: page.nextCursor };
    },
    (server, prompt) => ({ ...prompt, name: namespaced(server.slug, prompt.name) }),
    signal,
  );
  return { prompts: items, ...(nextCursor ? { nextCursor } : {}) };
}

/** The server behind a client-facing prompt name, if it exists in scope. */
function resolvePrompt(ctx: McpContext, name: string): { server: CatalogServer; name: string } {
  const parts = ctx.scope === null ? splitName(name) : { server: ctx.scope, tool: name };
  const server = parts ? ctx.catalog.servers.get(parts.server) : undefined;
  if (!parts || !server) throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
  return { server, name: parts.tool };
}

export async function getPrompt(ctx: McpContext, params: GetPromptRequest["params"], scope: UpstreamCallScope, signal: AbortSignal): Promise<GetPromptResult> {
  const { server, name } = resolvePrompt(ctx, params.name);
  assertServerAllowed(ctx, server, `Prompt ${params.name}`);
  const { _meta: _ignored, ...rest } = params;
  const result = await onUpstream(ctx, server, scope, (client) => client.getPrompt({ ...rest, name }, { signal }));
  assertResultSize(ctx, result);
  return result;
}

export async function complete(ctx: McpContext, params: CompleteRequest["params"], signal: AbortSignal): Promise<CompleteResult> {
  const { ref } = params;
  const target =
    ref.type === "ref/prompt"
      ? (() => {
          const p = resolvePrompt(ctx, ref.name);
          return { server: p.server, ref: { ...ref, name: p.name }, what: `Prompt ${ref.name}` };
        })()
      : (() => {
          const r = resolveResourceServer(ctx, ref.uri);
          return { server: r.server, ref: { ...ref, uri: r.uri }, what: `Resource ${ref.uri}` };
        })();
  assertServerAllowed(ctx, target.server, target.what);
  const empty: CompleteResult = { completion: { values: [], hasMore: false } };
  return onUpstream(ctx, target.server, {}, async (client) =>
    client.getServerCapabilities()?.completions ? client.complete({ ...params, ref: target.ref }, { signal }) : empty,
  );
}
