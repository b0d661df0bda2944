// Key request reads and the race-safe status changes, all scoped by org. The encrypted secret
// column is selected only by the reveal path: lists and decisions never carry it.
import { db } from "@/lib/db";
import { NotFoundError, InvalidRequestError } from "@/lib/errors";
import type { KeyRequestStatus, Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export const REQUEST_FIELDS = {
  id: true,
  kind: true,
  name: true,
  status: true,
  requestedPolicy: true,
  grantedPolicy: true,
  justification: true,
  reason: true,
  createdAt: true,
  decidedAt: true,
  requesterId: true,
  teamId: true,
  keyId: true,
  targetKeyId: true,
  secretRevealedAt: true,
  requester: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { name: true, email: true } },
  team: { select: { id: true, name: true } },
  targetKey: {
    select: {
      id: true,
      name: true,
      prefix: true,
      status: true,
      allowedModels: true,
      rpmLimit: true,
      tpmLimit: true,
      expiresAt: true,
      budgets: { select: { kind: true, period: true, limit: true } },
    },
  },
} satisfies Prisma.KeyRequestSelect;

export type RequestRow = Prisma.KeyRequestGetPayload<{ select: typeof REQUEST_FIELDS }>;

export async function getRequestOrThrow(orgId: string, requestId: string): Promise<RequestRow> {
  const row = await db.keyRequest.findFirst({ where: { id: requestId, orgId }, select: REQUEST_FIELDS });
  if (!row) throw new NotFoundError("request_not_found", "No such key request.", "requestId");
  return row;
}

/**
 * Moves a pending request to its decision. The status condition makes two approvers clicking at
 * once safe: exactly one wins, the other is told the request was already decided.
 */
export async function claimPending(tx: Tx, orgId: string, requestId: string, data: Prisma.KeyRequestUncheckedUpdateManyInput): Promise<void> {
  const { count } = await tx.keyRequest.updateMany({ where: { id: requestId, orgId, status: "pending" }, data });
  if (count !== 1) throw new InvalidRequestError("This request has already been decided or cancelled.", "requestId", "request_not_pending", 409);
}

export function countPendingRequests(orgId: string, requesterId: string): Promise<number> {
  return db.keyRequest.count({ where: { orgId, requesterId, status: "pending" } });
}

export function listPendingRows(orgId: string) {
  return db.keyRequest.findMany({ where: { orgId, status: "pending" }, select: REQUEST_FIELDS, orderBy: { createdAt: "asc" }, take: 100 });
}

export function listDecidedRows(orgId: string, take: number) {
  return db.keyRequest.findMany({
    where: { orgId, status: { in: ["approved", "denied"] } },
    select: REQUEST_FIELDS,
    orderBy: { decidedAt: "desc" },
    take,
  });
}

/** Every request in the org, newest first, optionally of one status; cursor pagination by id. */
export function listRequestPage(orgId: string, { status, take, after }: { status?: KeyRequestStatus; take: number; after?: string }) {
  return db.keyRequest.findMany({
    where: { orgId, ...(status ? { status } : {}) },
    select: REQUEST_FIELDS,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    ...(after ? { cursor: { id: after }, skip: 1 } : {}),
  });
}

/** A person's own requests; `secretWaiting` says a minted key can still be revealed, never the secret. */
export async function listRequesterRows(orgId: string, requesterId: string, take: number) {
  const rows = await db.keyRequest.findMany({
    where: { orgId, requesterId },
    select: { ...REQUEST_FIELDS, encryptedSecret: true },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map(({ encryptedSecret, ...row }) => ({ ...row, secretWaiting: encryptedSecret !== null }));
}

/** Org members who may decide requests, for notifications; roles are read here, judged by the caller. */
export function listMembersWithRoles(orgId: string) {
  return db.membership.findMany({
    where: { orgId, active: true, user: { active: true } },
    select: { role: true, user: { select: { id: true, email: true, name: true } } },
  });
}

export function countOrgPending(orgId: string): Promise<number> {
  return db.keyRequest.count({ where: { orgId, status: "pending" } });
}
