"use client";
import { useActionState, useState } from "react";
import { createKeyAction } from "@/app/(portal)/keys/actions";
import { NewKeySecret } from "@/components/keys/new-key-secret";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type Field = { name: string; label: string; hint?: string; type?: string; placeholder?: string; step?: string; required?: boolean };

const FIELDS: Field[] = [
  { name: "name", label: "Name", placeholder: "e.g. laptop, ci-evals", required: true },
  { name: "models", label: "Allowed models", placeholder: "gpt-4o*, claude-*", hint: "Comma-separated patterns. Empty: every model your org allows." },
  { name: "expiresInDays", label: "Expires in (days)", type: "number", placeholder: "Never" },
  { name: "rpmLimit", label: "Requests / minute", type: "number", placeholder: "No limit" },
  { name: "monthlySpendUsd", label: "Monthly spend cap (USD)", type: "number", step: "0.01", placeholder: "No cap" },
];

export function CreateKeyForm({ appUrl }: { appUrl: string }) {
  const [state, formAction, pending] = useActionState(createKeyAction, null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const created = state?.ok && state.data.id !== dismissed ? state.data : null;
  const errors = state && !state.ok ? state.error : null;

  return (
    <div className="flex flex-col gap-4">
      {created && <NewKeySecret name={created.name} secret={created.secret} appUrl={appUrl} onDismiss={() => setDismissed(created.id)} />}
      <Card>
        <CardHeader>
          <CardTitle>Create a key</CardTitle>
          <CardDescription>Keys work with any OpenAI-compatible client. Limits are enforced by Latch, on top of your org’s policy.</CardDescription>
        </CardHeader>
        <CardContent>
          <form action={formAction} className="flex flex-col gap-4" noValidate>
            {errors && <Alert variant="danger">{errors.message}</Alert>}
            <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {FIELDS.map((f) => {
                const fieldError = errors?.fieldErrors?.[f.name]?.[0];
                return (
                  <div key={f.name} className={f.name === "models" ? "flex flex-col gap-1.5 lg:col-span-2" : "flex flex-col gap-1.5"}>
                    <Label htmlFor={`key-${f.name}`}>{f.label}</Label>
                    <Input
                      id={`key-${f.name}`}
                      name={f.name}
                      type={f.type ?? "text"}
                      min={f.type === "number" ? 0 : undefined}
                      step={f.step}
                      placeholder={f.placeholder}
                      required={f.required}
                      aria-invalid={fieldError ? true : undefined}
                      aria-describedby={fieldError || f.hint ? `key-${f.name}-note` : undefined}
                    />
                    {(fieldError || f.hint) && (
                      <p id={`key-${f.name}-note`} className={fieldError ? "text-xs text-red-600" : "text-xs text-zinc-500"}>
                        {fieldError ?? f.hint}
                      </p>
                    )}
                  </div>
                );
              })}
            </div>
            <div>
              <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create key"}</Button>
            </div>
          </form>
        </CardContent>
      </Card>
    </div>
  );
}
