"use server";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { signIn, signOut } from "@/auth";
import { env } from "@/lib/env";
import { DEV_PROVIDER_ID, ssoProviders } from "@/lib/auth/providers";
import { safeRedirectPath } from "@/lib/auth/redirect";

export async function signInWithSso(formData: FormData): Promise<void> {
  const provider = String(formData.get("provider") ?? "");
  if (!ssoProviders.some((p) => p.id === provider)) redirect("/sign-in?error=Configuration");
  await signIn(provider, { redirectTo: safeRedirectPath(formData.get("callbackUrl")) });
}

export async function signInAsDevUser(formData: FormData): Promise<void> {
  if (!env.devSignIn) redirect("/sign-in?error=Configuration");
  try {
    await signIn(DEV_PROVIDER_ID, { email: String(formData.get("email") ?? ""), redirectTo: safeRedirectPath(formData.get("callbackUrl")) });
  } catch (err) {
    // signIn() signals success by throwing Next's redirect, which must propagate.
    if (err instanceof AuthError) redirect(`/sign-in?error=${encodeURIComponent(err.type)}`);
    throw err;
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in" });
}
