import Link from "next/link";
import type { KeyListFilter } from "@/lib/keys/list-with-spend";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

/** A plain GET form: filters live in the URL, so they survive reloads and can be shared. */
export function KeyFilters({ filter }: { filter: KeyListFilter }) {
  const active = Boolean(filter.q || (filter.status && filter.status !== "all") || (filter.owner && filter.owner !== "all"));
  return (
    <form method="get" className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-center sm:px-5" role="search" aria-label="Filter keys">
      <Input name="q" defaultValue={filter.q} placeholder="Search by name or prefix" aria-label="Search keys" className="sm:max-w-64" />
      <div className="flex gap-2">
        <Select name="status" defaultValue={filter.status ?? "all"} aria-label="Status" className="w-auto min-w-36 pr-8">
          <option value="all">Any status</option>
          <option value="active">Active</option>
          <option value="expired">Expired</option>
          <option value="revoked">Revoked</option>
        </Select>
        <Select name="owner" defaultValue={filter.owner ?? "all"} aria-label="Owner" className="w-auto min-w-36 pr-8">
          <option value="all">Personal & team</option>
          <option value="personal">Personal</option>
          <option value="team">Team</option>
        </Select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="outline" size="sm">
          Filter
        </Button>
        {active && (
          <Link href="/keys" className="self-center text-xs text-zinc-600 hover:underline dark:text-zinc-400">
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
