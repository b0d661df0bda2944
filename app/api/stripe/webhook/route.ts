import { handleStripeWebhook } from "@/lib/billing/webhook";
import { logError, logWarn } from "@/lib/log";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// The signature covers the exact bytes Stripe sent, so the body is read raw, never re-serialised.
export async function POST(request: Request) {
  try {
    const outcome = await handleStripeWebhook(await request.text(), request.headers.get("stripe-signature"));
    if (outcome.status === "rejected") {
      if (outcome.reason === "billing_off") return new Response(null, { status: 404 });
      logWarn("stripe webhook rejected", { reason: outcome.reason });
      return Response.json({ error: { message: "Invalid signature.", code: outcome.reason } }, { status: 400 });
    }
    return Response.json({ received: true, status: outcome.status });
  } catch (err) {
    // A 5xx makes Stripe redeliver later; nothing was stored, so the retry applies it.
    logError("stripe webhook failed", err);
    return Response.json({ error: { message: "Webhook processing failed." } }, { status: 500 });
  }
}
