import type { listMyRequests } from "@/lib/key-requests/list";
import { KeyValues } from "@/lib/guardrails/schemas";
import { formatRelative } from "@/components/keys/format";
import { summarizeValues } from "@/components/keys/guardrail-format";
import { CancelRequestButton, RevealKeyButton } from "@/components/keys/request-buttons";
import { exampleModel } from "@/components/keys/snippets";
import { Badge, type BadgeVariant } from "@/components/ui/badge";

type Row = Awaited<ReturnType<typeof listMyRequests>>[number];
const STATUS: Record<string, BadgeVariant> = { pending: "warning", approved: "success", denied: "danger", cancelled: "default" };

function Decision({ row, appUrl }: { row: Row; appUrl: string }) {
  const granted = row.grantedPolicy ? KeyValues.parse(row.grantedPolicy) : null;
  if (row.status === "denied") {
    return (
      <p className="text-sm text-red-700 dark:text-red-300" data-testid="request-reason">
        Reason: {row.reason}
      </p>
    );
  }
  if (row.status !== "approved" || !granted) return null;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-zinc-600 dark:text-zinc-400">
        Granted:{" "}
        {summarizeValues(granted)
          .map((s) => `${s.label.toLowerCase()} ${s.value}`)
          .join(" · ")}
      </p>
      {row.kind === "create" && <RevealKeyButton requestId={row.id} appUrl={appUrl} model={exampleModel(granted.models)} available={row.secretWaiting} />}
    </div>
  );
}

/** What the person asked for and why, so a decision can be read against it. */
function Asked({ row }: { row: Row }) {
  const asked = KeyValues.safeParse(row.requestedPolicy);
  return (
    <div className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="request-asked">
      {asked.success && (
        <p>
          Asked:{" "}
          {summarizeValues(asked.data)
            .map((s) => `${s.label.toLowerCase()} ${s.value}`)
            .join(" · ")}
        </p>
      )}
      {row.justification && <p className="italic">“{row.justification}”</p>}
    </div>
  );
}

/** The signed-in person's requests: what they asked, what is waiting, what was decided and why. */
export function MyRequests({ rows, appUrl, now = Date.now() }: { rows: Row[]; appUrl: string; now?: number }) {
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {rows.map((row) => (
        <li key={row.id} data-testid="my-request" data-request-name={row.name} className="flex flex-col gap-2 px-4 py-3 sm:px-5">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium text-zinc-900 dark:text-zinc-100">{row.name}</span>
            <Badge className="capitalize" variant={STATUS[row.status] ?? "default"} data-testid="request-status">
              {row.status}
            </Badge>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {row.kind === "update" ? "change to a key" : "new key"} · asked {formatRelative(row.createdAt, now)}
              {row.decidedBy ? ` · decided by ${row.decidedBy.name ?? row.decidedBy.email}` : ""}
            </span>
            {row.status === "pending" && <CancelRequestButton requestId={row.id} />}
          </div>
          <Asked row={row} />
          <Decision row={row} appUrl={appUrl} />
        </li>
      ))}
    </ul>
  );
}
