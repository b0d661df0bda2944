// Org members on the wire as `user`s (snake_case) ↔ lib/members (camelCase).
import { z } from "zod";
import { ROLES } from "@/lib/members/schemas";
import type { getMember, MemberRow } from "@/lib/members/list";
import { PageQuery } from "@/lib/api/serializers/common";
import { capFields, capJsonFields, toCapJson } from "@/lib/api/serializers/spend-caps";

const Role = z.enum(ROLES);

export const ListUsersQuery = PageQuery;
export const UpdateUserBody = z
  .strictObject({
    role: Role.optional(),
    active: z.boolean().optional().describe("false deactivates the member (their own keys are revoked or suspended per the org); true restores them."),
    ...capFields,
  })
  .meta({ title: "UpdateUserRequest" });

export const UserJson = z
  .object({
    id: z.string(),
    object: z.literal("user"),
    email: z.string(),
    name: z.string().nullable(),
    role: Role,
    active: z.boolean(),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    ...capJsonFields,
  })
  .meta({ title: "User" });

type MemberDetail = Awaited<ReturnType<typeof getMember>>;

export const toUserJson = (m: MemberRow | MemberDetail): z.input<typeof UserJson> => {
  const { email, name } = "user" in m ? m.user : m;
  return {
    id: m.userId,
    object: "user",
    email,
    name,
    role: m.role,
    active: m.active,
    teams: m.teams.map((t) => ({ id: t.id, name: t.name })),
    ...toCapJson(m.cap),
  };
};
