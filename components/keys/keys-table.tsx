import type { listKeys } from "@/lib/keys/list";
import { RevokeButton } from "@/components/keys/revoke-button";
import { formatDate, formatRelative, formatUsd } from "@/components/keys/format";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

type KeyRow = Awaited<ReturnType<typeof listKeys>>[number];

const STATUS: Record<string, BadgeVariant> = { active: "success", pending: "warning", expired: "default", revoked: "danger" };

/** The stored status lags behind the clock for expiry, so derive it for display. */
function displayStatus(key: KeyRow, now: number): string {
  return key.status === "active" && key.expiresAt && key.expiresAt.getTime() <= now ? "expired" : key.status;
}

function limits(key: KeyRow): string[] {
  const out: string[] = [];
  if (key.rpmLimit) out.push(`${key.rpmLimit} req/min`);
  if (key.tpmLimit) out.push(`${key.tpmLimit} tok/min`);
  for (const b of key.budgets) {
    out.push(b.kind === "spend" ? `${formatUsd(b.limit)} / ${b.period}` : `${Number(b.limit.toString()).toLocaleString("en-US")} tokens / ${b.period}`);
  }
  return out;
}

export function KeysTable({ keys, now = Date.now() }: { keys: KeyRow[]; now?: number }) {
  if (keys.length === 0) {
    return <p className="px-5 py-10 text-center text-sm text-zinc-500">No keys yet. Create one above to start making requests.</p>;
  }
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Key</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Models</TableHead>
          <TableHead>Limits</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead className="text-right">
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {keys.map((key) => {
          const status = displayStatus(key, now);
          const keyLimits = limits(key);
          return (
            <TableRow key={key.id} data-testid="key-row" data-key-name={key.name}>
              <TableCell className="font-medium text-zinc-900">{key.name}</TableCell>
              <TableCell><code className="font-mono text-xs text-zinc-600">{key.prefix}…</code></TableCell>
              <TableCell><Badge variant={STATUS[status] ?? "default"} data-testid="key-status">{status}</Badge></TableCell>
              <TableCell className="max-w-56 truncate font-mono text-xs" title={key.allowedModels.join(", ")}>
                {key.allowedModels.length ? key.allowedModels.join(", ") : <span className="font-sans text-zinc-400">All allowed</span>}
              </TableCell>
              <TableCell className="text-xs">{keyLimits.length ? keyLimits.join(" · ") : <span className="text-zinc-400">None</span>}</TableCell>
              <TableCell className="text-xs" title={key.expiresAt?.toISOString()}>
                {key.expiresAt ? formatDate(key.expiresAt) : <span className="text-zinc-400">Never</span>}
              </TableCell>
              <TableCell className="text-xs" title={key.lastUsedAt?.toISOString()}>
                {key.lastUsedAt ? formatRelative(key.lastUsedAt, now) : <span className="text-zinc-400">Never</span>}
              </TableCell>
              <TableCell className="text-right">
                {key.status === "active" && <RevokeButton keyId={key.id} keyName={key.name} />}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
