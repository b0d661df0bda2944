import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Field } from "@/components/admin/field";
import { ScrollTable } from "@/components/admin/scroll-table";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditFilter } from "@/lib/audit/list";

type Params = Record<string, string | undefined>;
type Event = { id: string; createdAt: Date; actorType: string; actorId: string | null; action: string; targetType: string | null; targetId: string | null; ip: string | null; metadata: unknown };

const date = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined);

export function parseAuditFilter(p: Params): AuditFilter {
  const to = date(p.to);
  return {
    action: p.action?.slice(0, 100) || undefined, actorId: p.actor?.slice(0, 100) || undefined,
    targetType: p.targetType?.slice(0, 50) || undefined, targetId: p.targetId?.slice(0, 100) || undefined,
    from: date(p.from), to: to ? new Date(to.getTime() + 86_400_000) : undefined, cursor: p.cursor?.slice(0, 100) || undefined, limit: 50,
  };
}

export function AuditFilters({ values }: { values: Params }) {
  return (
    <form method="get" className="grid grid-cols-2 items-end gap-3 border-b border-zinc-100 px-4 py-3 sm:flex sm:flex-wrap sm:px-5 dark:border-zinc-800" data-testid="audit-filters">
      <Field id="action" label="Action starts with"><Input id="action" name="action" defaultValue={values.action} placeholder="key." /></Field>
      <Field id="targetType" label="Target type"><Input id="targetType" name="targetType" defaultValue={values.targetType} placeholder="team" /></Field>
      <Field id="targetId" label="Target id"><Input id="targetId" name="targetId" defaultValue={values.targetId} /></Field>
      <Field id="actor" label="Actor id"><Input id="actor" name="actor" defaultValue={values.actor} /></Field>
      <Field id="from" label="From"><Input id="from" name="from" type="date" defaultValue={values.from} /></Field>
      <Field id="to" label="To"><Input id="to" name="to" type="date" defaultValue={values.to} /></Field>
      <Button type="submit" variant="outline">Filter</Button>
    </form>
  );
}

export function AuditTable({ events, nextCursor, params }: { events: Event[]; nextCursor: string | null; params: Params }) {
  if (!events.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">No events match.</p>;
  const next = new URLSearchParams(Object.entries({ ...params, cursor: nextCursor ?? "" }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <>
      <ScrollTable label="Audit events" data-testid="audit-table">
        <TableHeader>
          <TableRow>{["When (UTC)", "Action", "Actor", "Target", "IP", "Details"].map((h) => <TableHead key={h} scope="col">{h}</TableHead>)}</TableRow>
        </TableHeader>
        <TableBody>
          {events.map((e) => (
            <TableRow key={e.id}>
              <TableCell className="whitespace-nowrap text-xs">{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell className="text-xs">{e.actorType}{e.actorId ? `:${e.actorId.slice(0, 10)}` : ""}</TableCell>
              <TableCell className="text-xs">{e.targetType ?? "—"}{e.targetId ? `:${e.targetId.slice(0, 10)}` : ""}</TableCell>
              <TableCell className="text-xs">{e.ip ?? "—"}</TableCell>
              <TableCell className="max-w-xs truncate font-mono text-xs" title={JSON.stringify(e.metadata)}>{JSON.stringify(e.metadata)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {nextCursor && <div className="px-4 py-3 sm:px-5"><Link className={buttonClasses({ variant: "outline", size: "sm" })} href={`?${next.toString()}`}>Older events</Link></div>}
    </>
  );
}
