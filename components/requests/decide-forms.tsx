"use client";
import { useActionState, useEffect, useState } from "react";
import { approveRequestAction, denyRequestAction } from "@/app/(portal)/requests/actions";
import type { KeyValues } from "@/lib/guardrails/schemas";
import { toFormStrings } from "@/lib/keys/portal-form";
import { PolicyFields, type PolicyStrings } from "@/components/keys/policy-fields";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useToastOnLeave } from "@/components/ui/toast";
import { submitWithoutReset } from "@/components/keys/submit-without-reset";
import { bannerMessage } from "@/components/keys/form-error";

/** Approve as asked or with lower values; or deny with a reason the requester will read. */
export function DecideForms({ requestId, asked }: { requestId: string; asked: KeyValues }) {
  const [approveState, approve, approving] = useActionState(approveRequestAction, null);
  const [denyState, deny, denying] = useActionState(denyRequestAction, null);
  const [granted, setGranted] = useState<PolicyStrings>(toFormStrings(asked));
  const approveError = approveState && !approveState.ok ? approveState.error : null;
  const denyError = denyState && !denyState.ok ? denyState.error : null;
  // A decision redirects to the queue, so its confirmation is shown as this form leaves the page.
  const leaving = useToastOnLeave();
  useEffect(() => {
    if (approveError || denyError) leaving.disarm();
  }, [approveError, denyError, leaving]);

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <form
        onSubmit={(e) => {
          leaving.arm("Request approved. The requester can reveal the key once.");
          submitWithoutReset(approve)(e);
        }}
        className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
        noValidate
      >
        <input type="hidden" name="requestId" value={requestId} />
        <p className="text-sm font-medium">Grant</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">Prefilled with what was asked. Lower any value to grant less; raising is not possible.</p>
        {approveError && <Alert variant="danger">{bannerMessage(approveError)}</Alert>}
        <PolicyFields
          values={granted}
          onChange={(f, v) => setGranted((g) => ({ ...g, [f]: v }))}
          errors={approveError?.fieldErrors}
          limits={null}
          idPrefix={`grant-${requestId}`}
        />
        <div>
          <Button type="submit" disabled={approving || denying}>
            {approving ? "Approving…" : "Approve"}
          </Button>
        </div>
      </form>
      <form
        onSubmit={(e) => {
          leaving.arm("Request denied. The requester sees your reason.");
          submitWithoutReset(deny)(e);
        }}
        className="flex flex-col gap-3 rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
        noValidate
      >
        <input type="hidden" name="requestId" value={requestId} />
        <Label htmlFor={`deny-${requestId}`}>Reason for denying</Label>
        <Textarea
          id={`deny-${requestId}`}
          name="reason"
          placeholder="Shown to the requester."
          aria-invalid={denyError?.fieldErrors?.reason ? true : undefined}
        />
        {denyError && <p className="text-xs text-red-600 dark:text-red-400">{denyError.fieldErrors?.reason?.[0] ?? denyError.message}</p>}
        <div>
          <Button type="submit" variant="destructive" disabled={approving || denying}>
            {denying ? "Denying…" : "Deny"}
          </Button>
        </div>
      </form>
    </div>
  );
}
