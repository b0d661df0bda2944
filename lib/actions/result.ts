// The one place portal actions turn exceptions into results the UI can show.
import { unstable_rethrow } from "next/navigation";
import { z, ZodError } from "zod";
import { LatchError } from "@/lib/errors";
import { logError } from "@/lib/log";

export type ActionError = { code: string; message: string; fieldErrors?: Record<string, string[]> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function toActionError(err: unknown): ActionError {
  if (err instanceof ZodError) {
    const { fieldErrors } = z.flattenError(err);
    return { code: "invalid_input", message: "Please correct the highlighted fields.", fieldErrors: fieldErrors as Record<string, string[]> };
  }
  if (err instanceof LatchError) {
    return { code: err.code, message: err.message, ...(err.param ? { fieldErrors: { [err.param]: [err.message] } } : {}) };
  }
  // Unknown errors may carry SQL, hostnames or secrets: log them, show a generic message.
  logError("portal action failed", err);
  return { code: "internal_error", message: "Something went wrong. Please try again." };
}

/** Runs an action body; redirects and not-found signals from Next pass through untouched. */
export async function runAction<T>(body: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await body() };
  } catch (err) {
    unstable_rethrow(err);
    return { ok: false, error: toActionError(err) };
  }
}
