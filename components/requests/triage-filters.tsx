import Link from "next/link";
import { FIELD_LABELS } from "@/components/keys/guardrail-format";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { GUARDRAIL_FIELDS } from "@/lib/guardrails/schemas";
import type { TriageFilter } from "@/lib/key-requests/triage-filter";

/** A GET form: the filtered queue lives in the URL. */
export function TriageFilters({ filter }: { filter: TriageFilter }) {
  const active = Boolean(filter.q || filter.over || filter.kind);
  return (
    <form
      method="get"
      role="search"
      aria-label="Filter requests"
      className="flex flex-col gap-2 border-b border-zinc-100 px-4 py-3 sm:flex-row sm:items-center dark:border-zinc-800"
    >
      <Input name="q" defaultValue={filter.q} placeholder="Search by request or person" aria-label="Search requests" className="sm:max-w-64" />
      <Select name="over" defaultValue={filter.over ?? ""} aria-label="Over the guardrails on" className="w-auto min-w-40 pr-8">
        <option value="">Any guardrail</option>
        {GUARDRAIL_FIELDS.map((f) => (
          <option key={f} value={f}>
            {FIELD_LABELS[f]}
          </option>
        ))}
      </Select>
      <Select name="kind" defaultValue={filter.kind ?? ""} aria-label="Kind" className="w-auto min-w-36 pr-8">
        <option value="">New keys and changes</option>
        <option value="create">New keys</option>
        <option value="update">Changes to a key</option>
      </Select>
      <div className="flex gap-2">
        <Button type="submit" variant="outline" size="sm">
          Filter
        </Button>
        {active && (
          <Link href="/requests" className="self-center text-xs text-zinc-600 hover:underline dark:text-zinc-400">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
