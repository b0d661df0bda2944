"use client";
import { useState, useTransition } from "react";
import { revokeKeyAction } from "@/app/(portal)/keys/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

/** Behind a confirmation dialog, because revocation is final and breaks every client using the key at once. */
export function RevokeButton({ keyId, keyName }: { keyId: string; keyName: string }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toast = useToast();

  function revoke() {
    startTransition(async () => {
      const result = await revokeKeyAction(keyId);
      if (!result.ok) return setError(result.error.message);
      setOpen(false);
      toast(`Revoked “${keyName}”.`);
    });
  }

  return (
    <>
      <Button variant="destructive-outline" onClick={() => setOpen(true)} aria-label={`Revoke ${keyName}`}>
        Revoke key
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Revoke “${keyName}”?`}
        role="alertdialog"
        description="Every request with this key is refused from now on. This cannot be undone; you would need a new key."
      >
        {error && <Alert variant="danger">{error}</Alert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="ghost" disabled={pending} onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button variant="destructive" disabled={pending} onClick={revoke}>
            {pending ? "Revoking…" : "Yes, revoke it"}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
