import { z } from "zod";

export const ROLES = ["admin", "approver", "developer"] as const;

const userId = z.string().min(1).max(100);

export const SetMemberRoleInput = z.object({ userId, role: z.enum(ROLES) });
export type SetMemberRoleInput = z.input<typeof SetMemberRoleInput>;

export const SetMemberActiveInput = z.object({ userId, active: z.boolean() });
export type SetMemberActiveInput = z.input<typeof SetMemberActiveInput>;

export const InviteMemberInput = z.object({
  email: z.email("Enter an email address, e.g. sam@example.com.").trim().toLowerCase().max(200),
  name: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).default("developer"),
});
export type InviteMemberInput = z.input<typeof InviteMemberInput>;
