import type { ActionError } from "@/lib/actions/result";

const SHOWN_INLINE = ["name", "models", "rpmLimit", "tpmLimit", "spendCapUsd", "spendPeriod", "expiresInDays", "justification"];

/** The banner above a key form: generic when the detail already sits under a field, the message itself otherwise. */
export function bannerMessage(error: ActionError): string {
  const inline = Object.keys(error.fieldErrors ?? {}).some((f) => SHOWN_INLINE.includes(f));
  return inline ? "Please correct the highlighted fields." : error.message;
}
