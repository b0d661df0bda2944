import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { roleLabel } from "@/components/admin/labels";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ROLES } from "@/lib/members/schemas";
import { inviteMemberAction } from "@/app/(portal)/admin/members/actions";

/** Adds a person ahead of their first sign-in; `domains` are the ones single sign-on accepts for this org. */
export function InviteMemberForm({ domains }: { domains: string[] }) {
  const hint = domains.length ? `An address at ${domains.map((d) => `@${d}`).join(", ")}.` : "The organisation has no email domain yet.";
  return (
    <ActionForm action={inviteMemberAction} submitLabel="Add person" testId="invite-form">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="invite-email" label="Work email" hint={hint}>
          <Input id="invite-email" name="email" type="email" autoComplete="off" required />
        </Field>
        <Field id="invite-name" label="Name (optional)">
          <Input id="invite-name" name="name" autoComplete="off" />
        </Field>
        <Field id="invite-role" label="Role" hint="Approvers decide key requests and read the dashboards.">
          <Select id="invite-role" name="role" defaultValue="developer">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </Select>
        </Field>
      </div>
    </ActionForm>
  );
}
