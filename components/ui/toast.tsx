"use client";
// Small, accessible toasts: a confirmation after a save, mint, revoke or decision, in one polite
// live region at the corner of the portal. Errors do not come here: they stay next to the field.
import * as React from "react";
import { cn } from "@/lib/utils";

type Variant = "success" | "info";
type Toast = { id: number; title: string; description?: string; variant: Variant };
type ToastInput = string | { title: string; description?: string; variant?: Variant };

/** How long a toast stays, unless the pointer or focus is on it. */
const VISIBLE_MS = 8000;
const MAX_SHOWN = 3;

const ToastContext = React.createContext<(input: ToastInput) => void>(() => {});

/** `toast("Saved.")` from any client component under the portal layout (a no-op elsewhere). */
export const useToast = () => React.useContext(ToastContext);

export function ToastProvider({ children }: { children: React.ReactNode }) {
  const [toasts, setToasts] = React.useState<Toast[]>([]);
  const next = React.useRef(1);
  const dismiss = React.useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const toast = React.useCallback((input: ToastInput) => {
    const t = typeof input === "string" ? { title: input } : input;
    const id = next.current++;
    setToasts((all) => [...all, { id, title: t.title, description: t.description, variant: t.variant ?? "success" }].slice(-MAX_SHOWN));
  }, []);
  return (
    <ToastContext.Provider value={toast}>
      {children}
      {/* The live region exists from the first render, so screen readers announce what is added to it. */}
      <div
        role="status"
        aria-live="polite"
        aria-label="Notifications"
        className="pointer-events-none fixed inset-x-3 bottom-3 z-50 flex flex-col items-stretch gap-2 sm:inset-x-auto sm:right-4 sm:bottom-4 sm:w-96"
      >
        {toasts.map((t) => (
          <ToastItem key={t.id} toast={t} onDismiss={() => dismiss(t.id)} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

function ToastItem({ toast, onDismiss }: { toast: Toast; onDismiss: () => void }) {
  const [held, setHeld] = React.useState(false);
  React.useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(onDismiss, VISIBLE_MS);
    return () => window.clearTimeout(timer);
  }, [held, onDismiss]);
  return (
    <div
      role="group"
      aria-label="Notification"
      data-testid="toast"
      data-toast-id={toast.id}
      data-variant={toast.variant}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      className={cn(
        "pointer-events-auto flex items-start gap-3 rounded-lg border bg-white px-4 py-3 text-sm shadow-lg",
        "border-zinc-200 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
      )}
    >
      <span
        aria-hidden
        className={cn(
          "mt-0.5 inline-flex size-4 shrink-0 items-center justify-center rounded-full text-[10px] font-bold text-white",
          toast.variant === "success" ? "bg-emerald-600 dark:bg-emerald-500" : "bg-zinc-500",
        )}
      >
        {toast.variant === "success" ? "✓" : "i"}
      </span>
      <div className="min-w-0 flex-1">
        <p className="font-medium break-words">{toast.title}</p>
        {toast.description && <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{toast.description}</p>}
      </div>
      <button
        type="button"
        onClick={onDismiss}
        aria-label="Dismiss notification"
        className="-m-1 rounded p-1 text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-400 dark:text-zinc-400 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        <span aria-hidden>×</span>
      </button>
    </div>
  );
}

/**
 * For a server action that redirects on success (so its result never reaches the form): arm a
 * message before submitting; it is shown when the form unmounts because the redirect took the page
 * away, and disarmed when the action comes back with an error instead.
 */
export function useToastOnLeave() {
  const toast = useToast();
  const armed = React.useRef<string | null>(null);
  React.useEffect(
    () => () => {
      if (armed.current) toast(armed.current);
    },
    [toast],
  );
  return React.useMemo(
    () => ({
      arm: (message: string) => {
        armed.current = message;
      },
      disarm: () => {
        armed.current = null;
      },
    }),
    [],
  );
}
