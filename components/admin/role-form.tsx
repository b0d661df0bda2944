import { Select } from "@/components/ui/select";
import { ActionForm } from "@/components/admin/action-form";
import { ROLES } from "@/lib/members/schemas";
import { roleLabel } from "@/components/admin/labels";
import { setRoleAction } from "@/app/(portal)/admin/members/actions";

export function RoleForm({ userId, email, role }: { userId: string; email: string; role: string }) {
  return (
    <ActionForm action={setRoleAction.bind(null, userId)} submitLabel="Set role" className="flex-row flex-wrap items-end gap-2" variant="outline">
      <Select name="role" defaultValue={role} aria-label={`Role of ${email}`} className="w-36">
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </Select>
    </ActionForm>
  );
}
