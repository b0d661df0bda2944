"use client";
import * as React from "react";
import { cn } from "@/lib/utils";

type DialogProps = {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  /** Escape and backdrop clicks do nothing: for dialogs the user must read before leaving. */
  dismissible?: boolean;
  /** "alertdialog" for a question that interrupts (confirming a destructive action). */
  role?: "dialog" | "alertdialog";
};

/** A modal on the native <dialog>: focus trapping, Escape and the top layer come from the browser. */
export function Dialog({ open, onClose, title, description, children, className, dismissible = true, role }: DialogProps) {
  const ref = React.useRef<HTMLDialogElement>(null);
  const titleId = React.useId();
  React.useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      role={role}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (dismissible) onClose();
      }}
      onClick={(e) => {
        if (dismissible && e.target === e.currentTarget) onClose();
      }}
      className={cn(
        "m-auto w-[calc(100%-1.5rem)] max-w-lg rounded-lg border border-zinc-200 bg-white p-0 text-zinc-900 shadow-xl",
        "dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100",
        className,
      )}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col gap-4 overflow-y-auto p-4 sm:p-5">
          <div className="flex flex-col gap-1">
            <h2 id={titleId} className="text-base font-semibold">
              {title}
            </h2>
            {description && <div className="text-sm text-zinc-600 dark:text-zinc-400">{description}</div>}
          </div>
          {children}
        </div>
      )}
    </dialog>
  );
}
