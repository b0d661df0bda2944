"use client";
import { startTransition, type FormEvent } from "react";

/**
 * Submits a form through an action without React's automatic form reset. The reset would put a
 * controlled <select> back on its first option while state still holds the chosen one (the next
 * submit would then send the wrong value), and would clear what the person typed on an error.
 */
export function submitWithoutReset(action: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
}
