import { Badge } from "@/components/ui/badge";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/admin/action-form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { formatDate } from "@/components/keys/format";
import type { CredentialRecord } from "@/lib/credentials/schemas";
import { deleteCredentialAction, rotateSecretAction, setCredentialStatusAction, testCredentialAction } from "@/app/(portal)/admin/providers/actions";

/** Each credential with its actions. The secret itself is never sent to the browser: only its last 4. */
export function CredentialList({ credentials }: { credentials: CredentialRecord[] }) {
  if (!credentials.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">No providers yet. Add one below.</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {credentials.map((c) => (
        <li key={c.id} className="flex flex-col gap-3 px-4 py-4 sm:px-5" data-testid="credential-row" data-name={c.name}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{c.name}</span>
            <Badge variant="outline">{c.provider}</Badge>
            <Badge variant={c.status === "active" ? "success" : "warning"}>{c.status}</Badge>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {c.secretLast4 ? `secret …${c.secretLast4}` : "no secret"} · {c.baseUrl ?? "default endpoint"} · added {formatDate(c.createdAt)}
            </span>
          </div>
          {c.routes.length > 0 && <p className="text-xs text-zinc-600 dark:text-zinc-400">Serves: {c.routes.map((r) => r.publicName).join(", ")}</p>}
          <div className="flex flex-wrap items-center gap-2">
            <ActionButton
              action={testCredentialAction.bind(null, c.id)}
              label="Test connection"
              pendingLabel="Testing…"
              ariaLabel={`Test connection of ${c.name}`}
            />
            <ActionButton
              action={setCredentialStatusAction.bind(null, c.id, c.status === "active" ? "disabled" : "active")}
              label={c.status === "active" ? "Disable" : "Enable"}
              ariaLabel={`${c.status === "active" ? "Disable" : "Enable"} ${c.name}`}
              done={`${c.name} ${c.status === "active" ? "disabled" : "enabled"}.`}
            />
            <ActionButton
              action={deleteCredentialAction.bind(null, c.id)}
              label="Delete"
              variant="destructive"
              confirm={`Delete “${c.name}” and every route to it?`}
              ariaLabel={`Delete ${c.name}`}
              done={`Deleted “${c.name}”.`}
            />
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Rotate secret</summary>
            <ActionForm action={rotateSecretAction.bind(null, c.id)} submitLabel="Replace secret" className="mt-2 max-w-md">
              <Label htmlFor={`rotate-${c.id}`}>New secret for {c.name}</Label>
              <Input id={`rotate-${c.id}`} name="apiKey" type="password" autoComplete="off" required />
            </ActionForm>
          </details>
        </li>
      ))}
    </ul>
  );
}
