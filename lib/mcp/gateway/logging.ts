// logging/setLevel and the relay of upstream log messages. The level is the client session's
// (kept in its Redis record), never sent upstream: the upstream session is shared by every
// client, so Latch filters what it relays instead. A message is relayed on the response stream
// of the client request the upstream was serving when it logged.
import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { LoggingLevel, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import type { McpContext } from "@/lib/mcp/gateway/context";
import { updateSession } from "@/lib/mcp/gateway/sessions";
import type { UpstreamCallScope } from "@/lib/mcp/upstream/call-scope";

const SEVERITY: readonly LoggingLevel[] = ["debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"];

export async function setLogLevel(ctx: McpContext, level: LoggingLevel): Promise<Record<string, never>> {
  if (ctx.sessionId && ctx.session) await updateSession(ctx.sessionId, { ...ctx.session, logLevel: level });
  return {};
}

/** Until the client sets a level every message is relayed, as the SDK's own servers do. */
export function logRelay(ctx: McpContext, extra: RequestHandlerExtra<ServerRequest, ServerNotification>): UpstreamCallScope {
  const floor = SEVERITY.indexOf((ctx.session?.logLevel ?? "debug") as LoggingLevel);
  return {
    onLog(params) {
      if (SEVERITY.indexOf(params.level) < floor) return;
      void extra.sendNotification({ method: "notifications/message", params }).catch(() => {});
    },
  };
}

/** On /mcp the logger names its server: `github` or `github/<upstream logger>`. */
export function attributed(ctx: McpContext, slug: string, scope: UpstreamCallScope): UpstreamCallScope {
  if (ctx.scope !== null || !scope.onLog) return scope;
  const onLog = scope.onLog;
  return { ...scope, onLog: (params) => onLog({ ...params, logger: params.logger ? `${slug}/${params.logger}` : slug }) };
}
