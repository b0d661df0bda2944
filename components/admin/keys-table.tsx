"use client";
import Link from "next/link";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { ScrollTable } from "@/components/admin/scroll-table";
import { TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { revokeKeysAction } from "@/app/(portal)/admin/keys/actions";
import { KIND_LABELS, type KeyKind } from "@/lib/keys/kinds";
import { statusLabel } from "@/components/admin/labels";

export type AdminKeyRow = {
  id: string;
  name: string;
  prefix: string;
  status: string;
  kind: string;
  owner: string | null;
  team: string | null;
  lastUsed: string | null;
  created: string;
};

/** Keys with checkboxes for bulk revoke; revocation is final, so it asks first. */
export function KeysTable({ rows }: { rows: AdminKeyRow[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [pending, start] = useTransition();
  const toast = useToast();
  const revocable = rows.filter((r) => r.status !== "revoked");
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  function revoke() {
    setAsking(false);
    start(async () => {
      const r = await revokeKeysAction([...selected]);
      if (!r.ok) return setError(r.error.message);
      setError(null);
      setSelected(new Set());
      toast(r.data);
    });
  }
  if (!rows.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">No keys match.</p>;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2 px-4 pt-3 sm:px-5">
        <Button variant="destructive-outline" size="sm" disabled={!selected.size || pending} onClick={() => setAsking(true)}>
          {pending ? "Revoking…" : `Revoke selected (${selected.size})`}
        </Button>
      </div>
      <Dialog
        open={asking}
        onClose={() => setAsking(false)}
        role="alertdialog"
        title={`Revoke ${selected.size} key${selected.size === 1 ? "" : "s"}?`}
        description="Every request with them is refused from now on. This cannot be undone."
      >
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={() => setAsking(false)} autoFocus>
            Cancel
          </Button>
          <Button variant="destructive" onClick={revoke}>
            Revoke
          </Button>
        </div>
      </Dialog>
      <ScrollTable label="Keys" data-testid="admin-keys">
        <TableHeader>
          <TableRow>
            <TableHead scope="col">
              <input
                type="checkbox"
                aria-label="Select all revocable keys"
                className="size-4"
                checked={selected.size > 0 && selected.size === revocable.length}
                onChange={(e) => setSelected(e.target.checked ? new Set(revocable.map((r) => r.id)) : new Set())}
              />
            </TableHead>
            {["Key", "Kind", "Owner", "Team", "Status", "Last used"].map((h) => (
              <TableHead key={h} scope="col">
                {h}
              </TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((r) => (
            <TableRow key={r.id} data-key-name={r.name}>
              <TableCell>
                <input
                  type="checkbox"
                  className="size-4"
                  aria-label={`Select ${r.name}`}
                  disabled={r.status === "revoked"}
                  checked={selected.has(r.id)}
                  onChange={() => toggle(r.id)}
                />
              </TableCell>
              <TableCell>
                <Link href={`/admin/usage/keys/${r.id}`} className="font-medium underline-offset-2 hover:underline">
                  {r.name}
                </Link>{" "}
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.prefix}…</span>
              </TableCell>
              <TableCell>
                <Badge>{KIND_LABELS[r.kind as KeyKind] ?? statusLabel(r.kind)}</Badge>
              </TableCell>
              <TableCell className="max-w-48 truncate">{r.owner ?? "—"}</TableCell>
              <TableCell>{r.team ?? "—"}</TableCell>
              <TableCell>
                <Badge className="capitalize" variant={r.status === "active" ? "success" : r.status === "revoked" ? "danger" : "default"}>
                  {statusLabel(r.status)}
                </Badge>
              </TableCell>
              <TableCell className="whitespace-nowrap text-xs">{r.lastUsed ? r.lastUsed.slice(0, 16).replace("T", " ") : "never"}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ScrollTable>
      {error && <Alert variant="danger">{error}</Alert>}
    </div>
  );
}
