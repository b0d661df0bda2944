// One tools/call through Latch: policy (deny wins, hidden tools are unknown), argument size,
// limits and price, then the upstream call with the sealed credential, then result size, and
// the call recorded off the hot path whatever the outcome.
import { randomUUID } from "node:crypto";
import { CallToolResultSchema, ErrorCode, McpError, type CallToolRequest, type CallToolResult, type Progress } from "@modelcontextprotocol/sdk/types.js";
import { quotasFor, toolVerdict, strictest } from "@/lib/mcp/policy/compile";
import { resolveTool, type McpContext } from "@/lib/mcp/gateway/context";
import { acquireToolLimits, ToolLimitError, type ToolLease } from "@/lib/mcp/calls/limits";
import { recordToolCall, type ToolCallEvent } from "@/lib/mcp/calls/record";
import { dropUpstream, upstreamClient } from "@/lib/mcp/upstream/pool";
import { holdOpen } from "@/lib/mcp/gateway/sessions";
import { attributed } from "@/lib/mcp/gateway/logging";
import { withCallScope, type UpstreamCallScope } from "@/lib/mcp/upstream/call-scope";
import { ClassificationRefusal, classify, policyFor, type ToolFindings } from "@/lib/mcp/gateway/classify";

const CALL_TIMEOUT_MS = 120_000;
const bytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value)));

/** A refusal the model can read: a tool error result naming the rule, not a protocol failure. */
function refusal(code: string, rule: string, message: string): CallToolResult {
  return { isError: true, content: [{ type: "text", text: `Latch refused this call (${rule}): ${message}` }], _meta: { "latch/refusal": { code, rule } } };
}

/** Relays the upstream's progress under the client's own token, when the client asked for progress. */
export type ProgressRelay = ((progress: Progress) => void) | undefined;

export async function callTool(
  ctx: McpContext,
  params: CallToolRequest["params"],
  signal: AbortSignal,
  onprogress?: ProgressRelay,
  scope: UpstreamCallScope = {},
): Promise<CallToolResult> {
  const started = performance.now();
  const bytesIn = bytes(params.arguments);
  const classification = policyFor(ctx);
  const findings: ToolFindings = { action: classification?.action ?? "log_only" };
  const resolved = resolveTool(ctx, params.name);
  const event = (
    server: { id: string; slug: string } | null,
    tool: string,
    fields: Pick<ToolCallEvent, "outcome" | "status" | "errorCode"> & { bytesOut?: number; costUsd?: number | null },
  ) =>
    recordToolCall({
      id: `tc_${randomUUID().replaceAll("-", "")}`,
      orgId: ctx.key.orgId,
      keyId: ctx.key.id,
      userId: ctx.key.ownerUserId,
      teamId: ctx.key.teamId,
      serverId: server?.id ?? null,
      serverSlug: server?.slug ?? ctx.scope ?? "",
      tool,
      outcome: fields.outcome,
      status: fields.status,
      errorCode: fields.errorCode,
      latencyMs: Math.round(performance.now() - started),
      bytesIn,
      bytesOut: fields.bytesOut ?? 0,
      costUsd: fields.costUsd ?? null,
      findings: findings.arguments || findings.result ? findings : null,
      createdAt: new Date(),
    });

  if (!resolved) {
    event(null, params.name, { outcome: "refused", status: 404, errorCode: "unknown_tool" });
    throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
  }
  const { server, tool } = resolved;
  const price = server.toolPrices.get(tool) ?? server.pricePerCallUsd;
  const verdict = toolVerdict(ctx.policies, server.slug, tool);
  if (!verdict.ok) {
    event(server, tool, { outcome: "refused", status: 403, errorCode: "tool_not_allowed" });
    throw new McpError(ErrorCode.InvalidParams, `Tool ${params.name} is not allowed for this key (rule: ${verdict.rule}).`, {
      code: "tool_not_allowed",
      rule: verdict.rule,
    });
  }
  const argLimit = strictest(ctx.policies, "maxArgumentBytes");
  if (argLimit && bytesIn > argLimit.limit) {
    event(server, tool, { outcome: "refused", status: 413, errorCode: "arguments_too_large" });
    return refusal("arguments_too_large", `${argLimit.level}.maxArgumentBytes`, `the arguments are ${bytesIn} bytes, over the limit of ${argLimit.limit}.`);
  }

  let args = params.arguments;
  if (classification && args) {
    try {
      const scanned = classify(classification, args, "arguments");
      args = scanned.value;
      if (scanned.classes) findings.arguments = scanned.classes;
    } catch (err) {
      if (!(err instanceof ClassificationRefusal)) throw err;
      if (err.classes) findings.arguments = err.classes;
      event(server, tool, { outcome: "refused", status: err.classes ? 403 : 413, errorCode: err.reason });
      throw err;
    }
  }

  let lease: ToolLease;
  try {
    lease = await acquireToolLimits({
      requestId: ctx.requestId,
      key: ctx.key,
      org: ctx.org,
      policy: ctx.keyPolicy,
      pricePerCallUsd: price,
      quotas: quotasFor(ctx.keyPolicy, server.slug, tool),
      now: Date.now(),
    });
  } catch (err) {
    if (!(err instanceof ToolLimitError)) throw err;
    event(server, tool, { outcome: "refused", status: 429, errorCode: err.code });
    return refusal(err.code, err.rule, err.message);
  }

  const abort = new AbortController();
  const onAbort = () => abort.abort();
  signal.addEventListener("abort", onAbort, { once: true });
  const release = holdOpen({ sessionId: ctx.sessionId, keyId: ctx.key.id, close: () => abort.abort(new Error("key revoked")) });
  let charged = false;
  try {
    const client = await upstreamClient(ctx.key.orgId, server.id, server.version);
    const { _meta, ...rest } = params;
    const { progressToken: _token, ...meta } = _meta ?? {};
    const upstreamParams = { ...rest, name: tool, ...(args ? { arguments: args } : {}), ...(Object.keys(meta).length ? { _meta: meta } : {}) };
    const result = await withCallScope(attributed(ctx, server.slug, scope), () =>
      client.request({ method: "tools/call", params: upstreamParams }, CallToolResultSchema, {
        signal: abort.signal,
        timeout: CALL_TIMEOUT_MS,
        ...(onprogress ? { onprogress, resetTimeoutOnProgress: true } : {}),
      }),
    );
    charged = true;
    const bytesOut = bytes(result);
    const cost = price;
    const resultLimit = strictest(ctx.policies, "maxResultBytes");
    if (resultLimit && bytesOut > resultLimit.limit) {
      event(server, tool, { outcome: "refused", status: 413, errorCode: "result_too_large", bytesOut, costUsd: cost });
      return refusal(
        "result_too_large",
        `${resultLimit.level}.maxResultBytes`,
        `the tool's result is ${bytesOut} bytes, over the limit of ${resultLimit.limit}.`,
      );
    }
    let passed = result as CallToolResult;
    if (classification) {
      try {
        const scanned = classify(classification, passed, "result");
        passed = scanned.value;
        if (scanned.classes) findings.result = scanned.classes;
      } catch (err) {
        if (!(err instanceof ClassificationRefusal)) throw err;
        if (err.classes) findings.result = err.classes;
        event(server, tool, { outcome: "refused", status: err.classes ? 403 : 413, errorCode: err.reason, bytesOut, costUsd: cost });
        throw err;
      }
    }
    event(server, tool, { outcome: result.isError ? "tool_error" : "ok", status: 200, errorCode: null, bytesOut, costUsd: cost });
    return passed;
  } catch (err) {
    if (err instanceof ClassificationRefusal) throw err; // already recorded
    if (err instanceof McpError && err.code !== ErrorCode.ConnectionClosed && err.code !== ErrorCode.RequestTimeout) {
      // The upstream answered with a JSON-RPC error: pass its code and message on.
      charged = true;
      event(server, tool, { outcome: "upstream_error", status: 502, errorCode: `jsonrpc_${err.code}`, costUsd: price });
      throw new McpError(err.code, err.message.replace(/^MCP error -?\d+: /, ""));
    }
    dropUpstream(server.id);
    event(server, tool, {
      outcome: "upstream_error",
      status: abort.signal.aborted ? 499 : 502,
      errorCode: abort.signal.aborted ? "cancelled" : "upstream_unreachable",
    });
    throw new McpError(ErrorCode.InternalError, abort.signal.aborted ? "The call was cancelled." : `The MCP server "${server.slug}" could not be reached.`);
  } finally {
    release();
    signal.removeEventListener("abort", onAbort);
    lease.settle(charged);
  }
}
