"use client";
// The two SSO settings forms. Client components only for the inline validation messages;
// both post to server actions that go through the lib/idp-connections verbs.
import { createConnectionAction, saveGroupRolesAction } from "@/app/(portal)/settings/sso/actions";
import { ActionForm } from "@/components/admin/action-form";
import { Field } from "@/components/admin/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";

const MAPPING_HINT = "One per line: group = admin | approver | developer. People whose groups match nothing keep the role an admin gave them.";

export function GroupRolesForm({ initial }: { initial: string }) {
  return (
    <ActionForm
      action={saveGroupRolesAction}
      submitLabel="Save mapping"
      success="Mapping saved. It applies from each person's next sign-in."
      testId="org-group-roles"
    >
      <Field id="org-group-roles-text" label="Group → role (configured IdPs)" hint={MAPPING_HINT}>
        <Textarea
          id="org-group-roles-text"
          name="groupRoleMappings"
          rows={4}
          defaultValue={initial}
          placeholder={"latch-admins = admin\nlatch-approvers = approver"}
        />
      </Field>
    </ActionForm>
  );
}

export function AddConnectionForm({ domains }: { domains: string[] }) {
  return (
    <ActionForm
      action={createConnectionAction}
      submitLabel="Add connection"
      success="Connection added. Run a test sign-in before enabling it."
      testId="add-connection"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="idp-kind" label="Type">
          <Select id="idp-kind" name="kind" defaultValue="oidc">
            <option value="oidc">OpenID Connect</option>
            <option value="okta">Okta</option>
            <option value="entra">Microsoft Entra ID</option>
          </Select>
        </Field>
        <Field id="idp-issuer" label="Issuer URL" hint="e.g. https://acme.okta.com/oauth2/default">
          <Input id="idp-issuer" name="issuer" type="url" required />
        </Field>
        <Field id="idp-client-id" label="Client ID">
          <Input id="idp-client-id" name="clientId" required autoComplete="off" />
        </Field>
        <Field id="idp-client-secret" label="Client secret" hint="Stored encrypted; never shown again.">
          <Input id="idp-client-secret" name="clientSecret" type="password" required autoComplete="new-password" />
        </Field>
        <Field id="idp-domains" label="Email domains" hint={`Yours: ${domains.join(", ") || "none yet (ask your Latch operator)"}`}>
          <Input id="idp-domains" name="domains" required defaultValue={domains.join(", ")} />
        </Field>
        <Field id="idp-group-roles" label="Group → role (this connection)" hint="Empty: use the organisation's mapping.">
          <Textarea id="idp-group-roles" name="groupRoleMappings" rows={3} />
        </Field>
      </div>
    </ActionForm>
  );
}
