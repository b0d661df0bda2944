// Raises a budget alert once per budget, period and threshold (a unique row decides, across
// instances), then tells people: the in-app banner reads the row; email and a signed,
// Slack-compatible webhook go out in the background when configured.
import { fetch as undiciFetch } from "undici";
import { outboundAgent } from "@/lib/security/guarded-dispatcher";
import { createHmac } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { decryptSecret } from "@/lib/security/secret-box";
import { logError } from "@/lib/log";
import { sendMail } from "@/lib/notify/mailer";
import type { BudgetRule } from "@/lib/policy/budget-rules";

export type AlertInput = {
  orgId: string;
  rule: BudgetRule;
  targetId: string | null;
  periodStart: number;
  threshold: number;
  /** In the budget's unit: USD for spend, tokens for quotas. */
  used: number;
  limit: number;
};

export async function raiseBudgetAlert(input: AlertInput): Promise<boolean> {
  const { count } = await db.budgetAlert.createMany({
    data: [
      {
        orgId: input.orgId,
        budgetId: input.rule.id,
        scope: input.rule.scope,
        targetId: input.targetId,
        periodStart: new Date(input.periodStart),
        threshold: input.threshold,
        used: input.used,
        limit: input.limit,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  void notify(input).catch((err: unknown) => logError("budget alert notification failed", err, { orgId: input.orgId }));
  return true;
}

export function alertText(a: AlertInput): string {
  const unit = a.rule.kind === "spend" ? (n: number) => `$${n.toFixed(2)}` : (n: number) => `${Math.round(n).toLocaleString("en")} tokens`;
  return `Latch: a ${a.rule.scope} ${a.rule.period} ${a.rule.kind === "spend" ? "spend cap" : "token quota"} reached ${a.threshold}% (${unit(a.used)} of ${unit(a.limit)}).`;
}

/** `x-latch-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe-style receivers expect. */
export function signWebhook(body: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

async function notify(a: AlertInput): Promise<void> {
  const org = await db.organization.findUnique({
    where: { id: a.orgId },
    select: {
      alertWebhookUrl: true,
      alertWebhookSecret: true,
      memberships: { where: { role: "admin", active: true }, select: { user: { select: { email: true } } } },
    },
  });
  if (!org) return;
  const text = alertText(a);
  const owner = a.rule.scope === "user" && a.targetId ? await db.user.findUnique({ where: { id: a.targetId }, select: { email: true } }) : null;
  await sendMail({ to: [...org.memberships.map((m) => m.user.email), ...(owner ? [owner.email] : [])], subject: text, text: `${text}\n\n${env.APP_URL}` });
  if (org.alertWebhookUrl) {
    const body = JSON.stringify({
      text,
      scope: a.rule.scope,
      period: a.rule.period,
      kind: a.rule.kind,
      threshold: a.threshold,
      used: a.used,
      limit: a.limit,
      target_id: a.targetId,
    });
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (org.alertWebhookSecret) headers["x-latch-signature"] = signWebhook(body, decryptSecret(org.alertWebhookSecret));
    // Checked on connect and never redirected, like every call to an admin-configured host.
    const response = await undiciFetch(org.alertWebhookUrl, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(5_000),
      redirect: "manual",
      dispatcher: outboundAgent(),
    });
    await response.body?.cancel();
  }
}
