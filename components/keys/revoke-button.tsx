"use client";
import { useState, useTransition } from "react";
import { revokeKeyAction } from "@/app/(portal)/keys/actions";
import { Button } from "@/components/ui/button";

/** Two clicks, because revocation is final and breaks every client using the key at once. */
export function RevokeButton({ keyId, keyName }: { keyId: string; keyName: string }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function revoke() {
    startTransition(async () => {
      const result = await revokeKeyAction(keyId);
      if (!result.ok) setError(result.error.message);
      setConfirming(false);
    });
  }

  if (!confirming) {
    return (
      <span className="flex items-center justify-end gap-2">
        {error && <span className="text-xs text-red-600">{error}</span>}
        <Button variant="ghost" size="sm" className="text-red-700" onClick={() => setConfirming(true)} aria-label={`Revoke ${keyName}`}>
          Revoke
        </Button>
      </span>
    );
  }
  return (
    <span className="flex items-center justify-end gap-1">
      <Button variant="destructive" size="sm" disabled={pending} onClick={revoke}>
        {pending ? "Revoking…" : "Confirm revoke"}
      </Button>
      <Button variant="ghost" size="sm" disabled={pending} onClick={() => setConfirming(false)}>
        Cancel
      </Button>
    </span>
  );
}
