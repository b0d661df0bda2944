import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { ActionButton } from "@/components/admin/action-button";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import type { RouteRecord } from "@/lib/routes/schemas";
import { deleteRouteAction, setRouteEnabledAction, updateRouteAction } from "@/app/(portal)/admin/providers/actions";

/** Public model names, their aliases and the credential serving each; equal priorities round-robin. */
export function RouteList({ routes, credentialNames }: { routes: RouteRecord[]; credentialNames: Record<string, string> }) {
  if (!routes.length) return <p className="px-4 py-6 text-sm text-zinc-500 dark:text-zinc-400">No model routes yet.</p>;
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
      {routes.map((r) => (
        <li key={r.id} className="flex flex-col gap-2 px-4 py-3 sm:px-5" data-testid="route-row">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm">{r.publicName}</span>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              → {credentialNames[r.credentialId] ?? r.credential.provider} / {r.upstreamModel} · priority {r.priority}
            </span>
            {r.aliases.length > 0 && <span className="text-xs text-zinc-500 dark:text-zinc-400">aliases: {r.aliases.join(", ")}</span>}
            {!r.enabled && <Badge variant="warning">disabled</Badge>}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <ActionButton
              action={setRouteEnabledAction.bind(null, r.id, !r.enabled)}
              label={r.enabled ? "Disable" : "Enable"}
              ariaLabel={`${r.enabled ? "Disable" : "Enable"} route ${r.publicName}`}
              done={`Route ${r.publicName} ${r.enabled ? "disabled" : "enabled"}.`}
            />
            <ActionButton
              action={deleteRouteAction.bind(null, r.id)}
              label="Delete"
              variant="destructive"
              confirm={`Delete the route “${r.publicName}”?`}
              ariaLabel={`Delete route ${r.publicName}`}
              done={`Route “${r.publicName}” deleted.`}
            />
          </div>
          <details className="text-sm">
            <summary className="cursor-pointer text-zinc-600 dark:text-zinc-400">Edit aliases and priority</summary>
            <ActionForm action={updateRouteAction.bind(null, r.id)} submitLabel="Save route" className="mt-2">
              <div className="grid gap-3 sm:grid-cols-3">
                <Field id={`up-${r.id}`} label="Upstream model">
                  <Input id={`up-${r.id}`} name="upstreamModel" defaultValue={r.upstreamModel} />
                </Field>
                <Field id={`al-${r.id}`} label="Aliases">
                  <Input id={`al-${r.id}`} name="aliases" defaultValue={r.aliases.join(", ")} />
                </Field>
                <Field id={`pr-${r.id}`} label="Priority">
                  <Input id={`pr-${r.id}`} name="priority" inputMode="numeric" defaultValue={String(r.priority)} />
                </Field>
              </div>
            </ActionForm>
          </details>
        </li>
      ))}
    </ul>
  );
}
