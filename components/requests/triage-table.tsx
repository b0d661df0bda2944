"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { denyRequestsAction } from "@/app/(portal)/requests/actions";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

export type TriageRow = { id: string; name: string; requester: string; kind: string; over: string[]; asked: string; own: boolean };

/** The approvers' queue as one line per request; open one to grant, or deny several with one reason. */
export function TriageTable({ rows }: { rows: TriageRow[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState("");
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const toast = useToast();
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const choosable = rows.filter((r) => !r.own);
  const all = choosable.length > 0 && choosable.every((r) => selected.has(r.id));
  function deny() {
    setAsking(false);
    start(async () => {
      const r = await denyRequestsAction([...selected], reason);
      if (!r.ok) return setError(r.error.fieldErrors?.reason?.[0] ?? r.error.message);
      setError(null);
      setSelected(new Set());
      toast(r.data);
    });
  }
  return (
    <div className="flex flex-col">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="triage-table">
          <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th className="w-8 px-4 py-2">
                <input
                  type="checkbox"
                  aria-label="Select all requests"
                  checked={all}
                  onChange={() => setSelected(all ? new Set() : new Set(choosable.map((r) => r.id)))}
                  className="size-4"
                />
              </th>
              <th className="px-2 py-2 font-medium">Request</th>
              <th className="px-2 py-2 font-medium">Requester</th>
              <th className="px-2 py-2 font-medium">Over the guardrails on</th>
              <th className="px-2 py-2 font-medium">Asked</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((r) => (
              <tr key={r.id} data-testid="triage-row" data-request-name={r.name}>
                <td className="px-4 py-2">
                  {!r.own && (
                    <input type="checkbox" aria-label={`Select ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} className="size-4" />
                  )}
                </td>
                <td className="px-2 py-2">
                  <Link href={`/requests/${r.id}`} className="font-medium underline-offset-2 hover:underline">
                    {r.name}
                  </Link>
                  <span className="block text-xs text-zinc-500 dark:text-zinc-400">{r.kind}</span>
                </td>
                <td className="max-w-48 truncate px-2 py-2">
                  {r.requester}
                  {r.own && <span className="block text-xs text-zinc-500 dark:text-zinc-400">your own</span>}
                </td>
                <td className="px-2 py-2">{r.over.length ? r.over.join(", ") : "now within the guardrails"}</td>
                <td className="whitespace-nowrap px-2 py-2 text-zinc-600 dark:text-zinc-400">{r.asked}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-col gap-2 border-t border-zinc-100 px-4 py-3 sm:flex-row sm:items-end dark:border-zinc-800">
        <div className="flex flex-1 flex-col gap-1.5">
          <Label htmlFor="bulk-reason">Reason for denying the selected requests</Label>
          <Textarea
            id="bulk-reason"
            rows={1}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Shown to each requester."
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "bulk-error" : undefined}
          />
        </div>
        <Button variant="destructive-outline" disabled={selected.size === 0 || pending} onClick={() => setAsking(true)}>
          {pending ? "Denying…" : `Deny selected (${selected.size})`}
        </Button>
      </div>
      {error && (
        <p role="alert" id="bulk-error" data-testid="bulk-error" className="px-4 pb-3 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        title={`Deny ${selected.size} request${selected.size === 1 ? "" : "s"}?`}
        role="alertdialog"
        description="Each requester is told the reason."
      >
        <div className="flex justify-end gap-2">
          <Button variant="outline" onClick={() => setAsking(false)} autoFocus>
            Cancel
          </Button>
          <Button variant="destructive" onClick={deny}>
            Deny
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
