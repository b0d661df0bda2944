// Recent tool calls of an org, newest first, for the portal and reports.
import { db } from "@/lib/db";
import { requirePermission, type Actor } from "@/lib/auth/permissions";

export async function listRecentToolCalls({ actor, take = 50 }: { actor: Actor; take?: number }) {
  requirePermission(actor, "mcp.read");
  return db.toolCallEvent.findMany({
    where: { orgId: actor.orgId },
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      keyId: true,
      serverSlug: true,
      tool: true,
      outcome: true,
      status: true,
      errorCode: true,
      latencyMs: true,
      bytesIn: true,
      bytesOut: true,
      costUsd: true,
      createdAt: true,
    },
  });
}
