// Org alert settings: thresholds and the webhook (URL checked against SSRF rules; signing
// secret encrypted at rest, write-only like provider keys).
import { z } from "zod";
import { db } from "@/lib/db";
import { can, requirePermission, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { publishInvalidation } from "@/lib/invalidation";
import { assertSafeOutboundUrl } from "@/lib/security/ssrf";
import { encryptSecret } from "@/lib/security/secret-box";

export const AlertSettingsInput = z.object({
  thresholds: z.array(z.number().int().min(1).max(1000)).max(10).optional(),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .optional(),
  /** Omit to keep the current secret; null removes it. */
  webhookSecret: z.string().min(16).max(200).nullable().optional(),
});
export type AlertSettingsInput = z.input<typeof AlertSettingsInput>;

export async function updateAlertSettings({ actor, input }: { actor: Actor; input: AlertSettingsInput }): Promise<void> {
  requirePermission(actor, "org.write");
  const data = AlertSettingsInput.parse(input);
  if (data.webhookUrl) await assertSafeOutboundUrl(data.webhookUrl, "webhookUrl");
  const thresholds = data.thresholds ? [...new Set(data.thresholds)].sort((a, b) => a - b) : undefined;
  await db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: actor.orgId }, select: { budgetAlertThresholds: true, alertWebhookUrl: true } });
    await tx.organization.update({
      where: { id: actor.orgId },
      data: {
        ...(thresholds ? { budgetAlertThresholds: thresholds } : {}),
        ...(data.webhookUrl !== undefined ? { alertWebhookUrl: data.webhookUrl } : {}),
        ...(data.webhookSecret !== undefined ? { alertWebhookSecret: data.webhookSecret ? encryptSecret(data.webhookSecret) : null } : {}),
      },
    });
    await recordAudit(tx, actor, {
      action: "org.alerts_updated",
      targetType: "org",
      targetId: actor.orgId,
      before: { thresholds: before.budgetAlertThresholds, webhookUrl: before.alertWebhookUrl },
      after: {
        thresholds: thresholds ?? before.budgetAlertThresholds,
        webhookUrl: data.webhookUrl ?? before.alertWebhookUrl,
        webhookSecretChanged: data.webhookSecret !== undefined,
      },
    });
  });
  await publishInvalidation({ kind: "org", orgId: actor.orgId });
}

/** Open alerts for the banner: admins see all, others the ones about their own keys and caps. */
export async function listOpenAlerts({ actor }: { actor: Actor }) {
  const all = await db.budgetAlert.findMany({ where: { orgId: actor.orgId, acknowledgedAt: null }, orderBy: { createdAt: "desc" }, take: 50 });
  if (can(actor, "usage.read.all")) return all;
  if (actor.kind !== "user") return [];
  const keyIds = new Set((await db.virtualKey.findMany({ where: { orgId: actor.orgId, ownerUserId: actor.userId }, select: { id: true } })).map((k) => k.id));
  return all.filter((a) => (a.scope === "user" && a.targetId === actor.userId) || (a.scope === "key" && a.targetId !== null && keyIds.has(a.targetId)));
}

export async function acknowledgeAlert({ actor, alertId }: { actor: Actor; alertId: string }): Promise<void> {
  requirePermission(actor, "usage.read.own");
  const visible = await listOpenAlerts({ actor });
  if (!visible.some((a) => a.id === alertId)) return;
  await db.budgetAlert.update({ where: { id: alertId }, data: { acknowledgedAt: new Date() } });
}
