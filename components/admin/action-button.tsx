"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/result";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

/** An action that ran but whose outcome is bad news (e.g. a failed connection test) returns this. */
export type Failure = { failure: string };
const isFailure = (d: unknown): d is Failure => typeof d === "object" && d !== null && typeof (d as Failure).failure === "string";

/**
 * One click, one server action (bound with its ids on the server). A `confirm` text asks first,
 * in a dialog naming what will happen. Success is confirmed by a toast (a string result is its
 * text, e.g. a connection test's latency); a failure stays beside the button.
 */
export function ActionButton({
  action,
  label,
  pendingLabel,
  confirm,
  variant = "outline",
  size = "sm",
  ariaLabel,
  done = "Saved.",
}: {
  action: () => Promise<ActionResult<unknown>>;
  label: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: ButtonProps["variant"];
  size?: ButtonProps["size"];
  ariaLabel?: string;
  /** The toast after a success when the action returns no text of its own. */
  done?: string;
}) {
  const [pending, start] = useTransition();
  const [asking, setAsking] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const destructive = variant === "destructive";
  const toast = useToast();
  function run() {
    setAsking(false);
    start(async () => {
      const r = await action();
      if (!r.ok) return setResult(r.error.message);
      if (isFailure(r.data)) return setResult(r.data.failure);
      setResult(null);
      toast(typeof r.data === "string" ? r.data : done);
    });
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        // Quiet until asked: the solid red button is the one in the confirm dialog.
        variant={destructive ? "destructive-outline" : variant}
        size={size}
        disabled={pending}
        onClick={() => (confirm ? setAsking(true) : run())}
        aria-label={ariaLabel}
      >
        {pending ? (pendingLabel ?? `${label}…`) : label}
      </Button>
      {confirm && (
        <Dialog open={asking} onClose={() => setAsking(false)} title={confirm} role="alertdialog">
          <div className="flex justify-end gap-2">
            <Button variant="outline" onClick={() => setAsking(false)} autoFocus>
              Cancel
            </Button>
            <Button variant={destructive ? "destructive" : "default"} onClick={run}>
              {label}
            </Button>
          </div>
        </Dialog>
      )}
      {result && (
        <span role="alert" data-testid="action-result" className="text-xs text-red-700 dark:text-red-400">
          {result}
        </span>
      )}
    </span>
  );
}
