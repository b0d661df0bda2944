import type { listRecentDecisions } from "@/lib/key-requests/list";
import { formatRelative } from "@/components/keys/format";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, CardTitle } from "@/components/ui/card";

type Row = Awaited<ReturnType<typeof listRecentDecisions>>[number];

export function RecentDecisions({ rows, now = Date.now() }: { rows: Row[]; now?: number }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Recently decided</CardTitle>
      </CardHeader>
      <ul className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
        {rows.map((r) => (
          <li key={r.id} data-testid="decided-request" data-request-name={r.name} className="flex flex-wrap items-center gap-x-2 gap-y-1 px-4 py-2.5 sm:px-5">
            <span className="font-medium">{r.name}</span>
            <Badge className="capitalize" variant={r.status === "approved" ? "success" : "danger"}>
              {r.status}
            </Badge>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {r.requester.email} · by {r.decidedBy?.name ?? r.decidedBy?.email ?? "—"} {r.decidedAt ? formatRelative(r.decidedAt, now) : ""}
            </span>
            {r.reason && <span className="w-full text-xs text-zinc-600 dark:text-zinc-400">“{r.reason}”</span>}
          </li>
        ))}
      </ul>
    </Card>
  );
}
