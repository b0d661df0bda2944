"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { createKeyAction } from "@/app/(portal)/keys/actions";
import { evaluateAgainstGuardrails } from "@/lib/guardrails/evaluate";
import type { SelfServiceContext } from "@/lib/guardrails/self-service-context";
import { KeyValuesForm, toFormStrings } from "@/lib/keys/portal-form";
import { ApprovalPanel } from "@/components/keys/approval-panel";
import { PolicyFields, type PolicyStrings } from "@/components/keys/policy-fields";
import { SecretDialog } from "@/components/keys/secret-dialog";
import { exampleModel } from "@/components/keys/snippets";
import { Alert } from "@/components/ui/alert";
import { useToast } from "@/components/ui/toast";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { submitWithoutReset } from "@/components/keys/submit-without-reset";
import { bannerMessage } from "@/components/keys/form-error";
import { KEY_KINDS, KIND_LABELS } from "@/lib/keys/kinds";
import { McpToolsField, splitTools } from "@/components/keys/mcp-tools-field";

/**
 * Prefilled with the guardrail defaults. The same pure check the server runs is applied as
 * you type, so the form turns into a request (with a justification) the moment it needs one;
 * the server's verdict is still the one that counts.
 */
export function CreateKeyForm({ appUrl, context }: { appUrl: string; context: SelfServiceContext }) {
  const router = useRouter();
  const toast = useToast();
  const [state, formAction, pending] = useActionState(createKeyAction, null);
  const [policy, setPolicy] = useState<PolicyStrings>(toFormStrings(context.personal.defaults));
  const [teamId, setTeamId] = useState("");
  const rails = context.teams.find((t) => t.id === teamId)?.guardrails ?? context.personal;
  const [tools, setTools] = useState((context.personal.defaults.tools ?? context.personal.limits.allowedTools).join(", "));
  const parsed = KeyValuesForm.safeParse(policy);
  const evaluation =
    context.bound && parsed.success
      ? evaluateAgainstGuardrails({ ...parsed.data, tools: splitTools(tools), teamId: teamId || null }, rails, { activeKeys: context.activeKeys })
      : null;
  const needsApproval = evaluation !== null && !evaluation.withinLimits;
  const error = state && !state.ok ? state.error : null;
  const result = state?.ok ? state.data : null;

  if (result?.kind === "requested") {
    return (
      <Alert variant="success" data-testid="request-sent" className="flex flex-col items-start gap-2">
        <span>
          <strong className="font-semibold">Request sent.</strong> An approver will review it. You will find the decision, and the key if it is approved, on
          your keys page.
        </span>
        <Link href="/keys" className={buttonClasses({ variant: "outline", size: "sm" })}>
          Back to my keys
        </Link>
      </Alert>
    );
  }

  return (
    <form onSubmit={submitWithoutReset(formAction)} className="flex flex-col gap-5" noValidate>
      {result?.kind === "granted" && (
        <SecretDialog
          title="Your new key"
          name={result.key.name}
          secret={result.key.secret}
          appUrl={appUrl}
          model={exampleModel(parsed.success ? parsed.data.models : [])}
          onClose={() => {
            toast(`Key “${result.key.name}” created.`);
            router.push("/keys");
          }}
        />
      )}
      {error && <Alert variant="danger">{bannerMessage(error)}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="key-name">Name</Label>
          <Input id="key-name" name="name" required placeholder="e.g. laptop, ci-evals" aria-invalid={error?.fieldErrors?.name ? true : undefined} />
          {error?.fieldErrors?.name && <p className="text-xs text-red-600 dark:text-red-400">{error.fieldErrors.name[0]}</p>}
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="key-teamId">Owner</Label>
          <Select id="key-teamId" name="teamId" value={teamId} onChange={(e) => setTeamId(e.target.value)} disabled={context.teams.length === 0}>
            <option value="">Just me</option>
            {context.teams.map((t) => (
              <option key={t.id} value={t.id}>
                Team: {t.name}
              </option>
            ))}
          </Select>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            {context.teams.length ? "A team key counts against the team’s budgets." : "You are not in a team yet."}
          </p>
        </div>
      </div>
      <div className="flex flex-col gap-1.5 sm:w-1/2">
        <Label htmlFor="key-kind">Kind</Label>
        <Select id="key-kind" name="kind" defaultValue="personal">
          {KEY_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">What the key is for; usage is grouped by it. It cannot be changed later.</p>
      </div>
      {context.dimensions.length > 0 && (
        <div className="grid gap-4 sm:grid-cols-2" data-testid="key-dimensions">
          {context.dimensions.map((d) => (
            <div key={d.name} className="flex flex-col gap-1.5">
              <Label htmlFor={`key-dim-${d.name}`}>
                {d.label}
                {d.required ? " (required)" : ""}
              </Label>
              {d.values.length ? (
                <Select id={`key-dim-${d.name}`} name={`dim.${d.name}`} defaultValue="" required={d.required && d.defaultValue === null}>
                  <option value="">{d.defaultValue ? `Default (${d.defaultValue})` : d.required ? "Choose…" : "None"}</option>
                  {d.values.map((v) => (
                    <option key={v} value={v}>
                      {v}
                    </option>
                  ))}
                </Select>
              ) : (
                <Input id={`key-dim-${d.name}`} name={`dim.${d.name}`} placeholder={d.defaultValue ?? ""} />
              )}
              {error?.fieldErrors?.[`dimensions.${d.name}`] && (
                <p className="text-xs text-red-600 dark:text-red-400">{error.fieldErrors[`dimensions.${d.name}`]![0]}</p>
              )}
            </div>
          ))}
        </div>
      )}
      <PolicyFields
        values={policy}
        onChange={(f, v) => setPolicy((p) => ({ ...p, [f]: v }))}
        errors={error?.fieldErrors}
        limits={context.bound ? rails.limits : null}
        idPrefix="key"
      />
      <McpToolsField
        idPrefix="key"
        value={tools}
        onChange={setTools}
        allowed={context.bound ? rails.limits.allowedTools : null}
        error={error?.fieldErrors?.tools?.[0]}
      />
      {!context.bound && <p className="text-xs text-zinc-500 dark:text-zinc-400">You may create any key: guardrails apply to developers, not to admins.</p>}
      {needsApproval && <ApprovalPanel evaluation={evaluation} error={error?.fieldErrors?.justification?.[0]} idPrefix="key" />}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending || Boolean(evaluation?.forbidden.length)}>
          {pending ? "Sending…" : needsApproval ? "Request approval" : "Create key"}
        </Button>
        <Link href="/keys" className={buttonClasses({ variant: "ghost" })}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
