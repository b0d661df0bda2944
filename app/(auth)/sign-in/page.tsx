import type { Metadata } from "next";
import { env } from "@/lib/env";
import { ssoProviders } from "@/lib/auth/providers";
import { listDevSignInUsers } from "@/lib/auth/queries";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { signInAsDevUser, signInWithSso } from "@/app/(auth)/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Sign in · Latch" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  NoAccess: "Your Latch access has been deactivated or removed. Ask an administrator of your organisation.",
  AccessDenied: "Sign-in was refused.",
  CredentialsSignin: "That user cannot sign in.",
  Configuration: "Sign-in is not configured correctly. Ask your Latch administrator.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeRedirectPath(params.callbackUrl);
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Please try again.") : null;
  const devUsers = env.devSignIn ? await listDevSignInUsers() : [];
  const nothingConfigured = ssoProviders.length === 0 && !env.devSignIn;

  return (
    <Card>
      <CardHeader>
        <CardTitle>Sign in</CardTitle>
        <CardDescription>Use your company account to manage your API keys.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {error && <Alert variant="danger">{error}</Alert>}
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
          <Alert variant="warning">
            No sign-in method is configured. Set OIDC_ISSUER, OKTA_ISSUER or ENTRA_ISSUER (with client id and secret).
          </Alert>
        )}
        {env.devSignIn && (
          <section aria-labelledby="dev-sign-in" className="flex flex-col gap-2 border-t border-dashed border-amber-300 pt-4">
            <h3 id="dev-sign-in" className="text-sm font-semibold text-zinc-900">Dev sign-in</h3>
            <Alert variant="warning" role="note">
              Development only: anyone who can reach this page can act as these users. Never enable it on a shared server.
            </Alert>
            {devUsers.length === 0 && <p className="text-sm text-zinc-500">No users yet.</p>}
            <ul className="flex flex-col divide-y divide-zinc-100 rounded-md border border-zinc-200">
              {devUsers.map((u) => (
                <li key={u.id}>
                  <form action={signInAsDevUser} className="flex items-center justify-between gap-3 px-3 py-2">
                    <input type="hidden" name="email" value={u.email} />
                    <input type="hidden" name="callbackUrl" value={callbackUrl} />
                    <span className="min-w-0 text-sm">
                      <span className="block truncate font-medium text-zinc-900">{u.name ?? u.email}</span>
                      <span className="block truncate text-xs text-zinc-500">
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
