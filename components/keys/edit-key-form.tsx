"use client";
import { useActionState, useEffect, useState } from "react";
import { updateKeyAction } from "@/app/(portal)/keys/actions";
import { evaluateChange } from "@/lib/guardrails/evaluate";
import type { Guardrails, KeyValues } from "@/lib/guardrails/schemas";
import { KeyValuesForm, toFormStrings } from "@/lib/keys/portal-form";
import { ApprovalPanel } from "@/components/keys/approval-panel";
import { PolicyFields, type PolicyStrings } from "@/components/keys/policy-fields";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { submitWithoutReset } from "@/components/keys/submit-without-reset";
import { bannerMessage } from "@/components/keys/form-error";
import { McpToolsField, splitTools } from "@/components/keys/mcp-tools-field";

type Props = { keyId: string; name: string; current: KeyValues; guardrails: Guardrails; bound: boolean };

/** Tightening or staying within the guardrails saves at once; loosening past them files a request. */
export function EditKeyForm({ keyId, name, current, guardrails, bound }: Props) {
  const [state, formAction, pending] = useActionState(updateKeyAction.bind(null, keyId), null);
  const [policy, setPolicy] = useState<PolicyStrings>(toFormStrings(current));
  const [tools, setTools] = useState((current.tools ?? []).join(", "));
  const parsed = KeyValuesForm.safeParse(policy);
  const evaluation = bound && parsed.success ? evaluateChange({ ...parsed.data, tools: splitTools(tools) }, current, guardrails) : null;
  const needsApproval = evaluation !== null && !evaluation.withinLimits;
  const error = state && !state.ok ? state.error : null;
  const toast = useToast();
  useEffect(() => {
    if (state?.ok && state.data.kind === "updated") toast({ title: "Saved.", description: "The gateway applies the new limits from the next request." });
    if (state?.ok && state.data.kind === "requested") toast("Change requested.");
  }, [state, toast]);

  return (
    <form onSubmit={submitWithoutReset(formAction)} className="flex flex-col gap-5" noValidate>
      {state?.ok && state.data.kind === "requested" && (
        <Alert variant="success" data-testid="change-requested">
          Change requested. The key keeps its current limits until an approver decides.
        </Alert>
      )}
      {error && <Alert variant="danger">{bannerMessage(error)}</Alert>}
      <div className="flex flex-col gap-1.5 sm:max-w-sm">
        <Label htmlFor="edit-name">Name</Label>
        <Input id="edit-name" name="name" defaultValue={name} required />
      </div>
      <PolicyFields
        values={policy}
        onChange={(f, v) => setPolicy((p) => ({ ...p, [f]: v }))}
        errors={error?.fieldErrors}
        limits={bound ? guardrails.limits : null}
        idPrefix="edit"
      />
      <McpToolsField
        idPrefix="edit"
        value={tools}
        onChange={setTools}
        allowed={bound ? guardrails.limits.allowedTools : null}
        error={error?.fieldErrors?.tools?.[0]}
      />
      {needsApproval && <ApprovalPanel evaluation={evaluation} error={error?.fieldErrors?.justification?.[0]} idPrefix="edit" />}
      <div>
        <Button type="submit" disabled={pending || Boolean(evaluation?.forbidden.length)}>
          {pending ? "Saving…" : needsApproval ? "Request change" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
