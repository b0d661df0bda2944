import { z } from "zod";
import { ROLES } from "@/lib/members/schemas";

export const RoleForm = z.object({ role: z.enum(ROLES) });

export const InviteForm = z.object({
  email: z.string().trim().min(1, "Enter their work email."),
  name: z.string().trim().max(100, "At most 100 characters.").optional(),
  role: z.enum(ROLES, { error: "Pick a role." }),
});
