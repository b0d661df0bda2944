"use client";
import { useState, useTransition } from "react";
import { cancelRequestAction, revealKeyAction } from "@/app/(portal)/keys/actions";
import type { CreatedKey } from "@/lib/keys/create";
import { SecretDialog } from "@/components/keys/secret-dialog";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";

/**
 * Fetches the approved key's secret; the server erases it as it answers, so this works once.
 * Stays mounted after the reveal (with `available` false) so the refreshed list does not take
 * the dialog, and the secret in it, away before the person has copied it.
 */
export function RevealKeyButton({ requestId, appUrl, model, available }: { requestId: string; appUrl: string; model: string; available: boolean }) {
  const [key, setKey] = useState<CreatedKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reveal = () =>
    startTransition(async () => {
      const result = await revealKeyAction(requestId);
      if (result.ok) setKey(result.data);
      else setError(result.error.message);
    });
  return (
    <>
      {available && (
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" onClick={reveal} disabled={pending}>
            {pending ? "Revealing…" : "Reveal key"}
          </Button>
          <span className="text-xs text-zinc-500 dark:text-zinc-400">Shown once, then gone.</span>
        </div>
      )}
      {error && <span className="text-xs text-red-600 dark:text-red-400">{error}</span>}
      {key && <SecretDialog title="Your approved key" name={key.name} secret={key.secret} appUrl={appUrl} model={model} onClose={() => setKey(null)} />}
    </>
  );
}

export function CancelRequestButton({ requestId }: { requestId: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await cancelRequestAction(requestId);
            if (!result.ok) return setError(result.error.message);
            toast("Request withdrawn.");
          })
        }
      >
        Withdraw
      </Button>
      {error && <span className="text-xs text-red-600 dark:text-red-400">{error}</span>}
    </>
  );
}
