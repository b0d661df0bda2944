import { z } from "zod";
import { ROLES } from "@/lib/members/schemas";

export const RoleForm = z.object({ role: z.enum(ROLES) });
