import { ActionForm } from "@/components/admin/action-form";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FEATURE_NAMES, FEATURES, PLAN_IDS, PLANS, type Plan, type PlanId } from "@/lib/billing/plans";
import type { ActionResult } from "@/lib/actions/result";

type FormAction = (prev: ActionResult<unknown> | null, formData: FormData) => Promise<ActionResult<unknown>>;

const limit = (n: number | null, one: string, many: string) =>
  n == null ? `Unlimited ${many}` : `Up to ${n === 1 ? `1 ${one}` : `${n.toLocaleString("en-US")} ${many}`}`;

/**
 * The three plans side by side. Without a subscription each paid plan offers Checkout; with one,
 * plan changes go through the Stripe portal, so no second subscription can be started here.
 */
export function PlanCards({ current, canCheckout, checkoutAction }: { current: PlanId; canCheckout: boolean; checkoutAction: FormAction }) {
  return (
    <div className="grid gap-4 md:grid-cols-3">
      {PLAN_IDS.map((id) => (
        <PlanCard key={id} plan={PLANS[id]} current={id === current} canCheckout={canCheckout && id !== "free"} checkoutAction={checkoutAction} />
      ))}
    </div>
  );
}

function PlanCard({ plan, current, canCheckout, checkoutAction }: { plan: Plan; current: boolean; canCheckout: boolean; checkoutAction: FormAction }) {
  return (
    <Card data-testid={`plan-${plan.id}`} className={current ? "border-zinc-900 dark:border-zinc-100" : undefined}>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          {plan.name}
          {current && <Badge variant="success">Current</Badge>}
        </CardTitle>
        <CardDescription>{plan.summary}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        <p className="text-lg font-semibold">
          {plan.seatPriceUsd === 0 ? "Free" : `$${plan.seatPriceUsd}`}
          {plan.seatPriceUsd > 0 && <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400"> per member / month</span>}
        </p>
        <ul className="list-disc pl-5 text-zinc-700 dark:text-zinc-300">
          <li>{limit(plan.limits.members, "member", "members")}</li>
          <li>{limit(plan.limits.activeKeys, "active key", "active keys")}</li>
          {FEATURES.map((f) => (
            <li key={f} className={plan.features.includes(f) ? undefined : "text-zinc-500 line-through dark:text-zinc-400"}>
              {FEATURE_NAMES[f]}
            </li>
          ))}
        </ul>
        {canCheckout && !current && (
          <ActionForm action={checkoutAction} submitLabel={`Upgrade to ${plan.name}`} testId={`upgrade-${plan.id}`}>
            <input type="hidden" name="plan" value={plan.id} />
          </ActionForm>
        )}
      </CardContent>
    </Card>
  );
}
