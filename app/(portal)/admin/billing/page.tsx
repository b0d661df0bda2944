import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { billingEnabled } from "@/lib/billing/plans";
import { getBillingOverview, type BillingOverview } from "@/lib/billing/overview";
import { PageHeader } from "@/components/ui/page-header";
import { ActionForm } from "@/components/admin/action-form";
import { PlanCards } from "@/components/billing/plan-cards";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { openPortalAction, startCheckoutAction } from "./actions";

export const metadata: Metadata = { title: "Billing · Admin · Latch" };
export const dynamic = "force-dynamic";

const STATUS: Record<BillingOverview["status"], { label: string; variant: BadgeVariant }> = {
  none: { label: "No subscription", variant: "outline" },
  active: { label: "Active", variant: "success" },
  past_due: { label: "Payment failed", variant: "danger" },
  paused: { label: "Paused", variant: "warning" },
  canceled: { label: "Cancelled", variant: "outline" },
};

const money = (cents: number, currency: string) => new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(cents / 100);
const day = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const ofLimit = (used: number, limit: number | null) => (limit == null ? `${used}` : `${used} of ${limit}`);

type Props = { searchParams: Promise<{ checkout?: string }> };

export default async function BillingPage({ searchParams }: Props) {
  // Self-hosted deployments have no billing screens at all.
  if (!billingEnabled()) notFound();
  const actor = await requireAdminPage("billing.manage");
  const [overview, { checkout }] = await Promise.all([getBillingOverview({ actor }), searchParams]);
  const { plan, status, nextInvoice } = overview;
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="Billing" description="Your plan, seats and invoices. Payments and card details are handled by Stripe.">
        {overview.hasCustomer && (
          <ActionForm action={openPortalAction} submitLabel="Manage billing" testId="portal-form" variant="outline">
            {null}
          </ActionForm>
        )}
      </PageHeader>
      {checkout === "success" && (
        <Alert variant="success" data-testid="checkout-success">
          Thank you. Your plan changes as soon as Stripe confirms the payment.
        </Alert>
      )}
      {checkout === "canceled" && <Alert data-testid="checkout-canceled">Checkout was cancelled; nothing was charged.</Alert>}
      {status === "past_due" && (
        <Alert variant="danger" data-testid="payment-failed">
          The last payment failed.{" "}
          {overview.subscribedPlan
            ? `The grace period has ended: Free limits apply until the payment goes through. Nothing has been deleted.`
            : `${plan.name} limits stay until ${overview.graceUntil ? day(overview.graceUntil) : "the grace period ends"}; after that Free limits apply.`}{" "}
          Update the payment method under “Manage billing”.
        </Alert>
      )}
      <div className="grid gap-4 md:grid-cols-3">
        <Card data-testid="current-plan">
          <CardHeader>
            <CardDescription>Current plan</CardDescription>
          </CardHeader>
          <CardContent className="flex items-center gap-2">
            <CardTitle data-testid="plan-name">{plan.name}</CardTitle>
            <Badge variant={STATUS[status].variant} data-testid="billing-status">
              {STATUS[status].label}
            </Badge>
          </CardContent>
        </Card>
        <Card data-testid="seats">
          <CardHeader>
            <CardDescription>Seats (active members)</CardDescription>
          </CardHeader>
          <CardContent>
            <CardTitle data-testid="seat-count">{ofLimit(overview.members, plan.limits.members)}</CardTitle>
            {overview.billedSeats != null && (
              <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="billed-seats">
                {overview.billedSeats} billed
              </p>
            )}
          </CardContent>
        </Card>
        <Card data-testid="next-invoice">
          <CardHeader>
            <CardDescription>Next invoice (estimate)</CardDescription>
          </CardHeader>
          <CardContent>
            {nextInvoice === null && <CardTitle>None</CardTitle>}
            {nextInvoice === "unavailable" && <p className="text-sm text-zinc-500 dark:text-zinc-400">Stripe could not be reached; try again shortly.</p>}
            {nextInvoice && nextInvoice !== "unavailable" && (
              <>
                <CardTitle data-testid="invoice-amount">{money(nextInvoice.amountDue, nextInvoice.currency)}</CardTitle>
                <p className="text-xs text-zinc-500 dark:text-zinc-400">on {day(nextInvoice.periodEnd)}</p>
              </>
            )}
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Usage against your plan</CardTitle>
          <CardDescription>Provider costs are not billed by Latch: your organisation pays providers with its own keys.</CardDescription>
        </CardHeader>
        <CardContent className="text-sm" data-testid="plan-usage">
          Active keys: <span data-testid="active-keys">{ofLimit(overview.activeKeys, plan.limits.activeKeys)}</span>
        </CardContent>
      </Card>
      <PlanCards current={plan.id} canCheckout={!overview.hasSubscription} checkoutAction={startCheckoutAction} />
    </div>
  );
}
