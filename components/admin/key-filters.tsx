import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Field } from "@/components/admin/field";
import { KEY_KINDS, KIND_LABELS } from "@/lib/keys/kinds";

type Option = { id: string; label: string };
export type KeyFilterValues = { q?: string; owner?: string; team?: string; status?: string; kind?: string; model?: string };

/** A GET form, so a filtered view is a shareable URL. */
export function AdminKeyFilters({ values, owners, teams }: { values: KeyFilterValues; owners: Option[]; teams: Option[] }) {
  return (
    <form method="get" className="grid grid-cols-2 items-end gap-3 px-4 py-3 sm:flex sm:flex-wrap sm:px-5" data-testid="admin-key-filters">
      <Field id="q" label="Search" className="col-span-2 sm:w-56">
        <Input id="q" name="q" defaultValue={values.q} placeholder="Name, prefix or owner" />
      </Field>
      <Field id="owner" label="Owner">
        <Select id="owner" name="owner" defaultValue={values.owner ?? ""}>
          <option value="">Anyone</option>
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="team" label="Team">
        <Select id="team" name="team" defaultValue={values.team ?? ""}>
          <option value="">Any team</option>
          {teams.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="status" label="Status">
        <Select id="status" name="status" defaultValue={values.status ?? ""}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="expired">Expired</option>
          <option value="suspended">Suspended</option>
          <option value="revoked">Revoked</option>
          <option value="pending">Pending</option>
        </Select>
      </Field>
      <Field id="kind" label="Kind">
        <Select id="kind" name="kind" defaultValue={values.kind ?? ""}>
          <option value="">Any kind</option>
          {KEY_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="model" label="Model">
        <Input id="model" name="model" defaultValue={values.model} placeholder="gpt-4o-mini" />
      </Field>
      <Button type="submit" variant="outline">
        Filter
      </Button>
    </form>
  );
}
