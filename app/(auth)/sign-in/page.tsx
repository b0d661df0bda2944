import type { Metadata } from "next";
import { env } from "@/lib/env";
import { ssoProviders } from "@/lib/auth/providers";
import { listDevSignInUsers } from "@/lib/auth/queries";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { orUnavailable } from "@/lib/db/unavailable";
import { continueWithEmail, signInAsDevUser, signInWithSso } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export const metadata: Metadata = { title: "Sign in · Latch" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  NoAccess: "Your Latch access has been deactivated or removed. Ask an administrator of your organisation.",
  AccessDenied: "Sign-in was refused.",
  CredentialsSignin: "That user cannot sign in.",
  Configuration: "Sign-in is not configured correctly. Ask your Latch administrator.",
  InvalidEmail: "Enter your work email address, e.g. you@company.com.",
};

const HINTS: Record<string, string> = {
  choose: "Your organisation signs in with one of the options below.",
  none: "Your organisation has no single sign-on set up yet. Ask your Latch administrator.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string; hint?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Please try again.") : null;
  const hint = params.hint ? HINTS[params.hint] : undefined;
  // Postgres unreachable: the outage page (app/error.tsx), answered 503.
  const devUsers = env.devSignIn ? await orUnavailable(listDevSignInUsers) : [];
  const nothingConfigured = ssoProviders.length === 0 && !env.devSignIn;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Use your company account to manage your API keys.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {error && <Alert variant="danger">{error}</Alert>}
        {hint && <Alert variant="info">{hint}</Alert>}
        {/* Routes to the org's own IdP by email domain; orgs without one use the buttons below. */}
        <form action={continueWithEmail} className="flex flex-col gap-2">
          <Label htmlFor="sign-in-email">Work email</Label>
          <Input id="sign-in-email" name="email" type="email" autoComplete="email" required placeholder="you@company.com" />
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <Button type="submit" className="w-full">
            Continue
          </Button>
        </form>
        {ssoProviders.length > 0 && <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">or</p>}
        {ssoProviders.map((p) => (
          <form key={p.id} action={signInWithSso}>
            <input type="hidden" name="provider" value={p.id} />
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <Button type="submit" variant="outline" className="w-full">
              Continue with {p.name}
            </Button>
          </form>
        ))}
        {nothingConfigured && (
          <Alert variant="warning">No sign-in method is configured. Set OIDC_ISSUER, OKTA_ISSUER or ENTRA_ISSUER (with client id and secret).</Alert>
        )}
        {env.devSignIn && (
          <section aria-labelledby="dev-sign-in" className="flex flex-col gap-2 border-t border-dashed border-amber-300 dark:border-amber-800 pt-4">
            <h3 id="dev-sign-in" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
              Dev sign-in
            </h3>
            <Alert variant="warning" role="note">
              Development only: anyone who can reach this page can act as these users. Never enable it on a shared server.
            </Alert>
            {devUsers.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">No users yet.</p>}
            <ul className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800 rounded-md border border-zinc-200 dark:border-zinc-800">
              {devUsers.map((u) => (
                <li key={u.id}>
                  <form action={signInAsDevUser} className="flex items-center justify-between gap-3 px-3 py-2">
                    <input type="hidden" name="email" value={u.email} />
                    <input type="hidden" name="callbackUrl" value={callbackUrl} />
                    <span className="min-w-0 text-sm">
                      <span className="block truncate font-medium text-zinc-900 dark:text-zinc-100">{u.name ?? u.email}</span>
                      <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                        {u.email} · {u.memberships[0]?.role} · {u.memberships[0]?.org.name}
                      </span>
                    </span>
                    <Button type="submit" size="sm" variant="ghost" aria-label={`Sign in as ${u.email}`}>
                      Sign in
                    </Button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        )}
      </CardContent>
    </Card>
  );
}
