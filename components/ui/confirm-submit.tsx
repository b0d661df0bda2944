"use client";
// A destructive submit button for a plain server-action <form>: it asks in a dialog first, then
// submits the form it sits in. The toast is shown when the row it belongs to goes away.
import * as React from "react";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useToastOnLeave } from "@/components/ui/toast";

export function ConfirmSubmit({
  label,
  title,
  description,
  done,
  size = "sm",
  ariaLabel,
}: {
  label: string;
  title: string;
  description?: string;
  /** The toast once the action has removed what this button belongs to. */
  done: string;
  size?: ButtonProps["size"];
  ariaLabel?: string;
}) {
  const [asking, setAsking] = React.useState(false);
  const button = React.useRef<HTMLButtonElement>(null);
  const leaving = useToastOnLeave();
  return (
    <>
      <Button ref={button} variant="destructive-outline" size={size} onClick={() => setAsking(true)} aria-label={ariaLabel}>
        {label}
      </Button>
      <Dialog open={asking} onClose={() => setAsking(false)} title={title} description={description} role="alertdialog">
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="outline" onClick={() => setAsking(false)} autoFocus>
            Cancel
          </Button>
          <Button
            variant="destructive"
            onClick={() => {
              setAsking(false);
              leaving.arm(done);
              button.current?.form?.requestSubmit();
            }}
          >
            {label}
          </Button>
        </div>
      </Dialog>
    </>
  );
}
