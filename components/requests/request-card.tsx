import type { PendingRequest } from "@/lib/key-requests/list";
import { formatRelative, formatUsd } from "@/components/keys/format";
import { describeExceeded, summarizeValues } from "@/components/keys/guardrail-format";
import { DecideForms } from "@/components/requests/decide-forms";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader } from "@/components/ui/card";

export function RequestCard({ request, now = Date.now() }: { request: PendingRequest; now?: number }) {
  const who = request.requester.name ? `${request.requester.name} (${request.requester.email})` : request.requester.email;
  return (
    <Card data-testid="pending-request" data-request-name={request.name}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-semibold">{request.name}</h2>
          <Badge variant="outline">{request.kind === "create" ? "new key" : `change to ${request.targetKey?.name ?? "a key"}`}</Badge>
          {request.team && <Badge>team {request.team.name}</Badge>}
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <span data-testid="requester">{who}</span> · asked {formatRelative(request.createdAt, now)} · spent{" "}
          <span data-testid="requester-spend">{formatUsd(request.requesterSpend30d)}</span> in the last 30 days
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <div className="grid gap-4 md:grid-cols-2">
          <section aria-label="Over the guardrails" className="flex flex-col gap-2">
            <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Asked vs guardrail</h3>
            {request.exceeded.length === 0 && (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">Now within the guardrails (they changed since the request).</p>
            )}
            <ul className="flex flex-col gap-1.5 text-sm">
              {request.exceeded.map((e) => {
                const d = describeExceeded(e);
                return (
                  <li key={e.field} data-testid="exceeded-item" className="rounded-md bg-amber-50 px-2 py-1.5 dark:bg-amber-950/30">
                    <span className="font-medium">{d.label}:</span> {d.asked} <span className="text-zinc-500 dark:text-zinc-400">· guardrail {d.allowed}</span>
                  </li>
                );
              })}
            </ul>
          </section>
          <section aria-label="Full request" className="flex flex-col gap-2">
            <h3 className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Full ask</h3>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
              {summarizeValues(request.asked).map((s) => (
                <div key={s.label} className="contents">
                  <dt className="text-zinc-500 dark:text-zinc-400">{s.label}</dt>
                  <dd className="break-words">{s.value}</dd>
                </div>
              ))}
            </dl>
          </section>
        </div>
        <blockquote
          className="border-l-2 border-zinc-300 pl-3 text-sm text-zinc-700 italic dark:border-zinc-700 dark:text-zinc-300"
          data-testid="justification"
        >
          {request.justification}
        </blockquote>
        {request.ownRequest ? (
          <Alert variant="info">This is your own request: another approver has to decide it.</Alert>
        ) : (
          <DecideForms requestId={request.id} asked={request.asked} />
        )}
      </CardContent>
    </Card>
  );
}
