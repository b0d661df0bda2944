import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { ActionForm } from "@/components/admin/action-form";
import { CheckboxField, Field } from "@/components/admin/field";
import { createRouteAction } from "@/app/(portal)/admin/providers/actions";

export function RouteForm({ credentials }: { credentials: { id: string; name: string }[] }) {
  return (
    <ActionForm action={createRouteAction} submitLabel="Add route" testId="route-form">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="route-model" label="Public model name">
          <Input id="route-model" name="model" required placeholder="gpt-4o-mini" />
        </Field>
        <Field id="route-provider" label="Served by">
          <Select id="route-provider" name="providerId" required>
            {credentials.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="route-upstream" label="Upstream model" hint="Blank = same as the public name.">
          <Input id="route-upstream" name="upstreamModel" />
        </Field>
        <Field id="route-aliases" label="Aliases" hint="Other names clients may send.">
          <Input id="route-aliases" name="aliases" placeholder="mini, fast" />
        </Field>
        <Field id="route-priority" label="Priority" hint="Lower first; equal = round-robin.">
          <Input id="route-priority" name="priority" inputMode="numeric" defaultValue="0" />
        </Field>
        <div className="self-center">
          <CheckboxField id="route-enabled" name="enabled" label="Enabled" defaultChecked />
        </div>
      </div>
    </ActionForm>
  );
}
