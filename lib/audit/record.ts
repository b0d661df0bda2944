import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/permissions";
import { currentRequestOrigin } from "@/lib/audit/context";

type Tx = Prisma.TransactionClient;

export type AuditEntry = {
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
  /** Changed fields only: values before and after the change (never secrets). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
};

/** Written in the same transaction as the change it describes, so neither exists without the other. */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  const origin = currentRequestOrigin();
  const metadata = {
    ...entry.metadata,
    ...(entry.before ? { before: entry.before } : {}),
    ...(entry.after ? { after: entry.after } : {}),
    ...(origin?.userAgent ? { userAgent: origin.userAgent } : {}),
  };
  await tx.auditEvent.create({
    data: {
      orgId: actor.orgId,
      actorType: actor.kind,
      actorId: actor.kind === "user" ? actor.userId : actor.kind === "token" ? actor.tokenId : null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      metadata: metadata as Prisma.InputJsonValue,
      ip: origin?.ip ?? null,
    },
  });
}
