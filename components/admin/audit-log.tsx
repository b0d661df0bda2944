import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Field } from "@/components/admin/field";
import { ScrollTable } from "@/components/admin/scroll-table";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AuditDetails } from "@/components/admin/audit-details";
import type { AuditFilter } from "@/lib/audit/list";
import { nameOf, type AuditNames } from "@/lib/audit/names";

type Params = Record<string, string | undefined>;
type Event = {
  id: string;
  createdAt: Date;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  metadata: unknown;
};

const date = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : undefined);

export function parseAuditFilter(p: Params): AuditFilter {
  const to = date(p.to);
  return {
    action: p.action?.slice(0, 100) || undefined,
    actorId: p.actor?.slice(0, 100) || undefined,
    targetType: p.targetType?.slice(0, 50) || undefined,
    targetId: p.targetId?.slice(0, 100) || undefined,
    from: date(p.from),
    to: to ? new Date(to.getTime() + 86_400_000) : undefined,
    cursor: p.cursor?.slice(0, 100) || undefined,
    limit: 50,
  };
}

const TARGET_TYPES = [
  ["key", "Keys"],
  ["key_request", "Key requests"],
  ["user", "People"],
  ["team", "Teams"],
  ["provider", "Providers"],
  ["model_route", "Model routes"],
  ["price", "Prices"],
  ["management_token", "API tokens"],
  ["idp_connection", "Single sign-on"],
  ["org", "Organisation"],
] as const;

export function AuditFilters({ values }: { values: Params }) {
  return (
    <form
      method="get"
      className="grid grid-cols-2 items-end gap-3 border-b border-zinc-100 px-4 py-3 sm:flex sm:flex-wrap sm:px-5 dark:border-zinc-800"
      data-testid="audit-filters"
    >
      <Field id="action" label="Action starts with">
        <Input id="action" name="action" defaultValue={values.action} placeholder="key." />
      </Field>
      <Field id="targetType" label="Target">
        <Select id="targetType" name="targetType" defaultValue={values.targetType ?? ""}>
          <option value="">Anything</option>
          {TARGET_TYPES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="actor" label="By (email)">
        <Input id="actor" name="actor" type="email" defaultValue={values.actor} placeholder="dana@example.com" />
      </Field>
      <Field id="from" label="From">
        <Input id="from" name="from" type="date" defaultValue={values.from} />
      </Field>
      <Field id="to" label="To">
        <Input id="to" name="to" type="date" defaultValue={values.to} />
      </Field>
      <Button type="submit" variant="outline">
        Filter
      </Button>
    </form>
  );
}

const who = (e: Event, names: AuditNames) =>
  e.actorType === "user" && e.actorId
    ? (nameOf(names, "user", e.actorId) ?? "a former member")
    : e.actorType === "token" && e.actorId
      ? `token “${nameOf(names, "management_token", e.actorId) ?? "deleted"}”`
      : e.actorType === "system"
        ? "Latch"
        : e.actorType;
const what = (e: Event, names: AuditNames) => {
  if (!e.targetType) return "—";
  const type = e.targetType.replace(/_/g, " ");
  const name = e.targetId ? nameOf(names, e.targetType, e.targetId) : undefined;
  return name ? `${type} “${name}”` : type;
};

export function AuditTable({ events, nextCursor, params, names }: { events: Event[]; nextCursor: string | null; params: Params; names: AuditNames }) {
  if (!events.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">No events match.</p>;
  const next = new URLSearchParams(Object.entries({ ...params, cursor: nextCursor ?? "" }).filter((e): e is [string, string] => Boolean(e[1])));
  return (
    <>
      <ScrollTable label="Audit events" data-testid="audit-table">
        <TableHeader>
          <TableRow>
            {["When (UTC)", "Action", "By", "Target", "IP", "Details"].map((h) => (
              <TableHead key={h} scope="col">
                {h}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {events.map((e) => (
            <TableRow key={e.id}>
              <TableCell className="whitespace-nowrap text-xs">{e.createdAt.toISOString().slice(0, 19).replace("T", " ")}</TableCell>
              <TableCell className="font-mono text-xs">{e.action}</TableCell>
              <TableCell className="text-xs" data-column="actor">
                {who(e, names)}
              </TableCell>
              <TableCell className="text-xs" data-column="target">
                {what(e, names)}
              </TableCell>
              <TableCell className="text-xs">{e.ip ?? "—"}</TableCell>
              <TableCell className="min-w-64 text-xs" data-column="details">
                <AuditDetails metadata={e.metadata} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {nextCursor && (
        <div className="px-4 py-3 sm:px-5">
          <Link className={buttonClasses({ variant: "outline", size: "sm" })} href={`?${next.toString()}`}>
            Older events
          </Link>
        </div>
      )}
    </>
  );
}
