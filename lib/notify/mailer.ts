// Outgoing email, only when SMTP_URL is set. nodemailer is loaded on first use, so installs
// without SMTP never pay for it. Mail goes out in the background: a slow or failing SMTP
// server must not fail or delay the decision that triggered it.
import type { Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { logError } from "@/lib/log";

export type Mail = { to: string[]; subject: string; text: string };

let transporter: Promise<Transporter> | null = null;

export const mailEnabled = (): boolean => env.SMTP_URL !== undefined;

export async function sendMail(mail: Mail): Promise<void> {
  if (!env.SMTP_URL || mail.to.length === 0) return;
  const url = env.SMTP_URL;
  transporter ??= import("nodemailer").then((m) => m.default.createTransport(url));
  await (await transporter).sendMail({ from: env.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text });
}

/** Runs `work` without awaiting it; failures are logged (without the SMTP URL, which holds a password). */
export function inBackground(what: string, work: () => Promise<void>): void {
  if (!mailEnabled()) return;
  void work().catch((err: unknown) => logError(`email: ${what} failed`, err));
}
