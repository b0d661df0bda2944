"use client";
import { useState } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { ActionForm } from "@/components/admin/action-form";
import { CheckboxField, Field } from "@/components/admin/field";

type Props = { providers: readonly string[]; action: (prev: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>> };

/** Add a provider: Azure asks for deployments and an API version; others for models to route at once. */
export function CredentialForm({ providers, action }: Props) {
  const [provider, setProvider] = useState(providers.includes("openai") ? "openai" : (providers[0] ?? ""));
  const azure = provider === "azure";
  return (
    <ActionForm action={action} submitLabel="Add provider" success="Provider added." testId="credential-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="provider" label="Type">
          <Select id="provider" name="provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            {providers.map((p) => <option key={p} value={p}>{p}</option>)}
          </Select>
        </Field>
        <Field id="cred-name" label="Name"><Input id="cred-name" name="name" required placeholder="OpenAI production" /></Field>
        <Field id="baseUrl" label="Base URL" hint={azure ? "https://<resource>.openai.azure.com" : "Blank = the provider's public endpoint."}>
          <Input id="baseUrl" name="baseUrl" type="url" placeholder="https://api.example.com/v1" />
        </Field>
        <Field id="apiKey" label="Secret" hint="Stored encrypted and never shown again; only its last 4 characters are kept visible.">
          <Input id="apiKey" name="apiKey" type="password" autoComplete="off" />
        </Field>
        {azure ? (
          <>
            <Field id="azureApiVersion" label="Azure API version"><Input id="azureApiVersion" name="azureApiVersion" placeholder="2024-10-21" /></Field>
            <Field id="deployments" label="Deployments" hint="One per line: model = deployment name." className="sm:col-span-2">
              <Textarea id="deployments" name="deployments" rows={3} placeholder="gpt-4o = my-gpt4o" />
            </Field>
          </>
        ) : (
          <Field id="models" label="Models to route" hint="Comma-separated; each becomes a route with the same public name." className="sm:col-span-2">
            <Input id="models" name="models" placeholder="gpt-4o-mini, gpt-4.1" />
          </Field>
        )}
        {provider === "openai" && <CheckboxField id="compatible" name="compatible" label="Self-hosted OpenAI-compatible server" hint="vLLM, Ollama, LM Studio…: base URL required, secret optional." />}
      </div>
    </ActionForm>
  );
}
