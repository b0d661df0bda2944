"use client";
import { useActionState, useEffect } from "react";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { CopyButton } from "@/components/keys/copy-button";
import { Field } from "@/components/admin/field";
import { createTokenAction } from "@/app/(portal)/admin/tokens/actions";

const SCOPE_HELP: Record<string, string> = {
  "keys:read": "list and read keys",
  "keys:write": "create, change, rotate and revoke keys",
  "usage:read": "usage reports",
  "providers:write": "providers, routes and prices",
  scim: "user and group provisioning from Okta or Entra ID at /scim/v2, nothing else",
  admin: "everything, including tokens and the audit log",
};

/** Create a management API token; its secret is shown here once and never again. */
export function TokenForm({ scopes }: { scopes: readonly string[] }) {
  const [state, action, pending] = useActionState(createTokenAction, null);
  const toast = useToast();
  useEffect(() => {
    if (state?.ok) toast({ title: `Token “${state.data.name}” created.`, description: "Copy its secret now: it is shown once." });
  }, [state, toast]);
  return (
    <form action={action} className="flex flex-col gap-4" data-testid="token-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="token-name" label="Name">
          <Input id="token-name" name="name" required placeholder="terraform" />
        </Field>
        <Field id="token-expires" label="Expires (optional)">
          <Input id="token-expires" name="expiresAt" type="date" />
        </Field>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Scopes</legend>
        <div className="flex flex-col gap-2">
          {scopes.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={s} className="size-4 accent-zinc-900 dark:accent-zinc-100" />
              <span className="font-mono">{s}</span>
              <span className="text-zinc-500 dark:text-zinc-400">— {SCOPE_HELP[s] ?? ""}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {state && !state.ok && <Alert variant="danger">{state.error.message}</Alert>}
      {state?.ok && (
        <Alert variant="warning" data-testid="token-secret-box">
          <p className="font-medium">Copy the token for “{state.data.name}” now: it cannot be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-zinc-900 dark:bg-zinc-950 dark:text-zinc-100"
              data-testid="token-secret"
            >
              {state.data.secret}
            </code>
            <CopyButton value={state.data.secret} />
          </div>
        </Alert>
      )}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}
