"use server";
// Sign-in and sign-out: the one set of actions exempt from runActorAction, because there is no
// signed-in actor yet (or no longer). The dev sign-in still records where it came from.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/auth";
import { env } from "@/lib/env";
import { withRequestOrigin } from "@/lib/audit/context";
import { DEV_PROVIDER_ID, ssoProviders } from "@/lib/auth/providers";
import { safeRedirectPath } from "@/lib/auth/redirect";
import { originFromHeaders } from "@/lib/auth/request-origin";
import { routeEmail } from "@/lib/idp-connections/route-email";
import { startOrgIdpFlow } from "@/lib/idp-connections/start";

export async function signInWithSso(formData: FormData): Promise<void> {
  const provider = String(formData.get("provider") ?? "");
  if (!ssoProviders.some((p) => p.id === provider)) redirect("/sign-in?error=Configuration");
  await signIn(provider, { redirectTo: safeRedirectPath(formData.get("callbackUrl")) });
}

/**
 * The email box on the sign-in page: an org with its own enabled IdP connection gets it; an org
 * without one uses the deployment's IdP (at once when there is only one); an unknown domain is
 * told so before anyone visits an IdP.
 */
export async function continueWithEmail(formData: FormData): Promise<void> {
  const email = String(formData.get("email") ?? "").slice(0, 320);
  const redirectTo = safeRedirectPath(formData.get("callbackUrl"));
  const route = await routeEmail(email);
  if (route.kind === "invalid") redirect(`/sign-in?error=InvalidEmail&callbackUrl=${encodeURIComponent(redirectTo)}`);
  if (route.kind === "unknown_domain") redirect("/sign-in/not-set-up?reason=unknown_domain");
  if (route.kind === "connection") return startOrgIdpFlow(route.flow, { redirectTo, loginHint: email.trim() });
  const only = ssoProviders.length === 1 ? ssoProviders[0] : undefined;
  if (only) await signIn(only.id, { redirectTo }, { login_hint: email.trim() });
  redirect(`/sign-in?hint=${ssoProviders.length ? "choose" : "none"}&callbackUrl=${encodeURIComponent(redirectTo)}`);
}

export async function signInAsDevUser(formData: FormData): Promise<void> {
  if (!env.devSignIn) redirect("/sign-in?error=Configuration");
  const origin = originFromHeaders(await headers());
  try {
    await withRequestOrigin(origin, () =>
      signIn(DEV_PROVIDER_ID, { email: String(formData.get("email") ?? ""), redirectTo: safeRedirectPath(formData.get("callbackUrl")) }),
    );
  } catch (err) {
    // signIn() signals success by throwing Next's redirect, which must propagate.
    if (err instanceof AuthError) redirect(`/sign-in?error=${encodeURIComponent(err.type)}`);
    throw err;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
