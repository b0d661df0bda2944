// Key request emails: approvers hear of new requests, requesters of decisions. They carry
// links to the portal, never a secret: the key itself is revealed once, in the portal only.
import { can } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { getRequestOrThrow, listMembersWithRoles } from "@/lib/key-requests/queries";
import { inBackground, sendMail } from "@/lib/notify/mailer";

const person = (u: { name: string | null; email: string }) => (u.name ? `${u.name} <${u.email}>` : u.email);

export function notifyRequestCreated(orgId: string, requestId: string): void {
  inBackground("request created", async () => {
    const [request, members] = await Promise.all([getRequestOrThrow(orgId, requestId), listMembersWithRoles(orgId)]);
    const approvers = members.filter(
      (m) => m.user.id !== request.requesterId && can({ kind: "user", userId: m.user.id, orgId, role: m.role }, "approvals.decide"),
    );
    await sendMail({
      to: approvers.map((m) => m.user.email),
      subject: `Key request from ${request.requester.name ?? request.requester.email}: ${request.name}`,
      text: [
        `${person(request.requester)} asked for ${request.kind === "create" ? "a new key" : "a change to a key"}, "${request.name}"${request.team ? ` for team ${request.team.name}` : ""}, beyond your organisation's guardrails.`,
        "",
        `Why: ${request.justification ?? "(no reason given)"}`,
        "",
        `Review it: ${env.APP_URL}/requests`,
      ].join("\n"),
    });
  });
}

export function notifyRequestDecided(orgId: string, requestId: string): void {
  inBackground("request decided", async () => {
    const request = await getRequestOrThrow(orgId, requestId);
    const approved = request.status === "approved";
    const next =
      approved && request.kind === "create" ? `Reveal your key (it is shown once): ${env.APP_URL}/keys` : `See it in the portal: ${env.APP_URL}/keys`;
    await sendMail({
      to: [request.requester.email],
      subject: `Your key request "${request.name}" was ${approved ? "approved" : "denied"}`,
      text: [
        `${request.decidedBy ? person(request.decidedBy) : "An approver"} ${approved ? "approved" : "denied"} your request "${request.name}".`,
        ...(request.reason ? ["", `Reason: ${request.reason}`] : []),
        "",
        next,
      ].join("\n"),
    });
  });
}
