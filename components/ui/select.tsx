import * as React from "react";
import { cn } from "@/lib/utils";

/** The native <select>, styled like Input: keyboard, screen readers and phones handle it best. */
export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      className={cn(
        "flex h-9 w-full rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm shadow-xs",
        "focus-visible:border-zinc-500 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-zinc-200",
        "dark:border-zinc-700 dark:bg-zinc-950 dark:text-zinc-100 dark:focus-visible:ring-zinc-700",
        className,
      )}
      {...props}
    />
  );
}
