// The degrade-rule editor of one scope in its card, bound to that scope's save action.
import { ActionForm } from "@/components/admin/action-form";
import { DegradeRulesEditor } from "@/components/admin/degrade-rules-editor";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/result";
import type { DegradeRuleInput } from "@/lib/policy/degrade-rules";

type SaveAction = (prev: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<string>>;

const SCOPE_TEXT = {
  org: "the organisation's caps",
  team: "this team's caps",
  key: "this key's own caps",
} as const;

export function DegradeRulesCard({
  scope,
  rules,
  models,
  action,
}: {
  scope: keyof typeof SCOPE_TEXT;
  rules: readonly DegradeRuleInput[];
  models: readonly string[];
  action: SaveAction;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Degrade before the cap</CardTitle>
        <CardDescription>
          From a share of {SCOPE_TEXT[scope]} used this period, send requests to a cheaper model or slow them down instead of refusing at the limit. Responses
          name the rule in <code>x-latch-degraded</code>; a client can opt out with <code>x-latch-degrade: off</code>.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ActionForm action={action} submitLabel="Save degrade rules" testId={`degrade-form-${scope}`}>
          <DegradeRulesEditor rules={rules} models={models} scope={scope} />
        </ActionForm>
      </CardContent>
    </Card>
  );
}
