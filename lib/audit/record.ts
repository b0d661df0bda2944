import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";

type Tx = Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
  ip?: string | null;
};

/** Written in the same transaction as the change it describes, so neither exists without the other. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: actor.orgId,
      actorType: actor.kind,
      actorId: actor.kind === "user" ? actor.userId : actor.kind === "token" ? actor.tokenId : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: (entry.metadata ?? {}) as Prisma.InputJsonValue,
      ip: entry.ip ?? null,
    },
  });
}
