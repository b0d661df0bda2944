"use client";
import { useState } from "react";
import { providerLabel } from "@/components/admin/labels";
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
  const bedrock = provider === "bedrock";
  const vertex = provider === "vertex";
  return (
    <ActionForm action={action} submitLabel="Add provider" success="Provider added." testId="credential-form">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="provider" label="Type">
          <Select id="provider" name="provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            {providers.map((p) => (
              <option key={p} value={p}>
                {providerLabel(p)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="cred-name" label="Name">
          <Input id="cred-name" name="name" required placeholder="OpenAI production" />
        </Field>
        <Field id="baseUrl" label="Base URL" hint={azure ? "https://<resource>.openai.azure.com" : "Blank = the provider's public endpoint."}>
          <Input id="baseUrl" name="baseUrl" type="url" placeholder="https://api.example.com/v1" />
        </Field>
        {bedrock || vertex ? (
          <Field
            id="apiKey"
            label="Credentials JSON"
            className="sm:col-span-2"
            hint={
              bedrock
                ? 'Paste the AWS credentials as JSON: {"accessKeyId": "…", "secretAccessKey": "…"}, optionally sessionToken, roleArn, externalId. Stored encrypted; only the access key id’s last 4 characters stay visible.'
                : "Paste the service account’s JSON key file (with client_email and private_key). Stored encrypted; only the account name’s last 4 characters stay visible."
            }
          >
            <Textarea
              id="apiKey"
              name="apiKey"
              rows={4}
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              placeholder={bedrock ? '{"accessKeyId": "AKIA…", "secretAccessKey": "…"}' : '{"type": "service_account", …}'}
            />
          </Field>
        ) : (
          <Field id="apiKey" label="Secret" hint="Stored encrypted and never shown again; only its last 4 characters are kept visible.">
            <Input id="apiKey" name="apiKey" type="password" autoComplete="off" />
          </Field>
        )}
        {(bedrock || vertex) && (
          <Field id="region" label="Region" hint={bedrock ? "The AWS region, e.g. us-east-1." : "The Vertex AI location, e.g. us-central1 or europe-west1."}>
            <Input id="region" name="region" required placeholder={bedrock ? "us-east-1" : "us-central1"} />
          </Field>
        )}
        {vertex && (
          <Field id="project" label="Project" hint="The Google Cloud project id; blank = the key file's project_id.">
            <Input id="project" name="project" placeholder="my-gcp-project" />
          </Field>
        )}
        {azure ? (
          <>
            <Field id="azureApiVersion" label="Azure API version">
              <Input id="azureApiVersion" name="azureApiVersion" placeholder="2024-10-21" />
            </Field>
            <Field id="deployments" label="Deployments" hint="One per line: model = deployment name." className="sm:col-span-2">
              <Textarea id="deployments" name="deployments" rows={3} placeholder="gpt-4o = my-gpt4o" />
            </Field>
          </>
        ) : (
          <Field id="models" label="Models to route" hint="Comma-separated; each becomes a route with the same public name." className="sm:col-span-2">
            <Input id="models" name="models" placeholder="gpt-4o-mini, gpt-4.1" />
          </Field>
        )}
        {provider === "openai" && (
          <CheckboxField
            id="compatible"
            name="compatible"
            label="Self-hosted OpenAI-compatible server"
            hint="vLLM, Ollama, LM Studio…: base URL required, secret optional."
          />
        )}
      </div>
    </ActionForm>
  );
}
