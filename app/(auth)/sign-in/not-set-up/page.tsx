import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Not set up · Latch" };

const REASONS: Record<string, { title: string; body: string }> = {
  unknown_domain: {
    title: "Your organisation is not set up",
    body: "Latch does not know your email domain yet, so no account was created. Ask your Latch administrator to add your organisation's domain.",
  },
  inactive: {
    title: "Your access has been deactivated",
    body: "Your account exists but is no longer active in Latch. Ask an administrator of your organisation to restore it.",
  },
  unverified_email: {
    title: "Your email is not verified",
    body: "Your identity provider reports that your email address is not verified. Verify it there, then sign in again.",
  },
  domain_mismatch: {
    title: "This sign-in is not for your email domain",
    body: "Your organisation's identity provider can only sign in addresses of your organisation's own domains. Use your work email, or ask your Latch administrator.",
  },
  connection_disabled: {
    title: "Your organisation's sign-in is turned off",
    body: "An administrator has disabled your organisation's identity provider connection in Latch. Ask them to enable it again.",
  },
  plan_limit: {
    title: "Your organisation has no free seat",
    body: "Your organisation's Latch plan has reached its member limit, so no account was created. Ask a Latch administrator of your organisation to upgrade the plan.",
  },
  no_email: {
    title: "No email address received",
    body: "Your identity provider did not share an email address, which Latch needs to find your organisation.",
  },
};

type Props = { searchParams: Promise<{ reason?: string }> };

export default async function NotSetUpPage({ searchParams }: Props) {
  const { reason } = await searchParams;
  const copy = REASONS[reason ?? ""] ?? REASONS.unknown_domain!;
  return (
    <Card>
      <CardHeader>
        <CardTitle>{copy.title}</CardTitle>
        <CardDescription>{copy.body}</CardDescription>
      </CardHeader>
      <CardContent>
        <Link href="/sign-in" className={buttonClasses({ variant: "outline" })}>
          Back to sign-in
        </Link>
      </CardContent>
    </Card>
  );
}
