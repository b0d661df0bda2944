// resources/subscribe and unsubscribe: the subscription is forwarded on the pooled upstream
// session (one per server and instance, shared by every client) and remembered here per client
// session, so an upstream's notifications/resources/updated reaches exactly the sessions that
// subscribed, on their notification stream (GET). Held by the instance that took the subscribe.
import { ErrorCode, McpError } from "@modelcontextprotocol/sdk/types.js";
import type { McpContext } from "@/lib/mcp/gateway/context";
import { assertServerAllowed, onUpstream } from "@/lib/mcp/gateway/forward";
import { clientUri, resolveResourceServer } from "@/lib/mcp/gateway/resources";
import { pushToSession } from "@/lib/mcp/gateway/streams";

const TTL_MS = 24 * 3600_000;
type Subscription = { orgId: string; serverId: string; uri: string; clientUri: string; at: number };
const holder = globalThis as unknown as { latchMcpSubscriptions?: Map<string, Map<string, Subscription>> };
const bySession = (holder.latchMcpSubscriptions ??= new Map());
const slot = (serverId: string, uri: string) => `${serverId} ${uri}`;

function subscribedAnywhere(serverId: string, uri: string): boolean {
  for (const subs of bySession.values()) if (subs.has(slot(serverId, uri))) return true;
  return false;
}

function prune(now: number): void {
  for (const [id, subs] of bySession) {
    for (const [k, s] of subs) if (now - s.at > TTL_MS) subs.delete(k);
    if (subs.size === 0) bySession.delete(id);
  }
}

export async function subscribe(ctx: McpContext, uri: string, signal: AbortSignal): Promise<Record<string, never>> {
  if (!ctx.sessionId) throw new McpError(ErrorCode.InvalidRequest, "Subscriptions need a session.");
  const target = resolveResourceServer(ctx, uri);
  assertServerAllowed(ctx, target.server, `Resource ${uri}`);
  const now = Date.now();
  prune(now);
  if (!subscribedAnywhere(target.server.id, target.uri))
    await onUpstream(ctx, target.server, {}, async (client) => {
      if (client.getServerCapabilities()?.resources?.subscribe) await client.subscribeResource({ uri: target.uri }, { signal });
    });
  const subs = bySession.get(ctx.sessionId) ?? new Map<string, Subscription>();
  subs.set(slot(target.server.id, target.uri), {
    orgId: ctx.key.orgId,
    serverId: target.server.id,
    uri: target.uri,
    clientUri: clientUri(ctx, target.server.slug, target.uri),
    at: now,
  });
  bySession.set(ctx.sessionId, subs);
  return {};
}

export async function unsubscribe(ctx: McpContext, uri: string, signal: AbortSignal): Promise<Record<string, never>> {
  if (!ctx.sessionId) return {};
  const target = resolveResourceServer(ctx, uri);
  bySession.get(ctx.sessionId)?.delete(slot(target.server.id, target.uri));
  if (!subscribedAnywhere(target.server.id, target.uri))
    await onUpstream(ctx, target.server, {}, async (client) => {
      if (client.getServerCapabilities()?.resources?.subscribe) await client.unsubscribeResource({ uri: target.uri }, { signal });
    }).catch(() => {});
  return {};
}

/** An upstream said a resource changed: tell each session that subscribed to it. */
export function relayResourceUpdate(orgId: string, serverId: string, uri: string): void {
  for (const [sessionId, subs] of bySession) {
    const s = subs.get(slot(serverId, uri));
    if (s && s.orgId === orgId) pushToSession(sessionId, { method: "notifications/resources/updated", params: { uri: s.clientUri } });
  }
}

export const forgetSubscriptions = (sessionId: string) => void bySession.delete(sessionId);
