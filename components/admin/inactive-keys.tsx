import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ActionButton } from "@/components/admin/action-button";
import { revokeKeysAction } from "@/app/(portal)/admin/keys/actions";

type IdleKey = { id: string; name: string; prefix: string; owner: string | null; lastUsed: string | null };

/** Active keys nobody has used for N days: likely forgotten, so one click revokes each. */
export function InactiveKeys({ days, keys }: { days: number; keys: IdleKey[] }) {
  return (
    <Card data-testid="inactive-keys">
      <CardHeader className="flex-row flex-wrap items-end justify-between gap-3">
        <div>
          <CardTitle>Inactive keys</CardTitle>
          <CardDescription>Active, but unused for {days} days or more.</CardDescription>
        </div>
        <form method="get" className="flex items-end gap-2">
          <div className="flex flex-col gap-1">
            <Label htmlFor="days">Days unused</Label>
            <Input id="days" name="days" inputMode="numeric" defaultValue={String(days)} className="w-24" />
          </div>
          <Button type="submit" variant="outline">
            Show
          </Button>
        </form>
      </CardHeader>
      <ul className="divide-y divide-zinc-100 dark:divide-zinc-800">
        {keys.length === 0 && <li className="px-4 py-4 text-sm text-zinc-500 dark:text-zinc-400 sm:px-5">None: every active key was used recently.</li>}
        {keys.map((k) => (
          <li key={k.id} className="flex flex-wrap items-center gap-2 px-4 py-2.5 text-sm sm:px-5">
            <span className="font-medium">{k.name}</span>
            <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{k.prefix}…</span>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              {k.owner ?? "no owner"} · {k.lastUsed ? `last used ${k.lastUsed.slice(0, 10)}` : "never used"}
            </span>
            <span className="ml-auto">
              <ActionButton
                action={revokeKeysAction.bind(null, [k.id])}
                label="Revoke"
                variant="destructive"
                confirm={`Revoke “${k.name}”?`}
                ariaLabel={`Revoke ${k.name}`}
                done={`Revoked “${k.name}”.`}
              />
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
