import type * as React from "react";
import { cn } from "@/lib/utils";

/**
 * The native <select>, styled like Input: keyboard, screen readers and phones handle it best.
 * An uncontrolled select is keyed on its defaultValue: React applies a changed defaultValue to a
 * mounted select only through a remount, so after a save the stored choice shows (and a form
 * reset or the next save cannot bring the old one back).
 */
export function Select({ className, defaultValue, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      key={defaultValue === undefined ? undefined : JSON.stringify(defaultValue)}
      defaultValue={defaultValue}
      className={cn(
        "flex h-9 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm shadow-xs",
        "focus-visible:border-zinc-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-200",
        "dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:focus-visible:ring-zinc-700",
        "aria-invalid:border-red-500 aria-invalid:ring-red-100",
        className,
      )}
      {...props}
    />
  );
}
