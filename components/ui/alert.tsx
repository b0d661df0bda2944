import type * as React from "react";
import { cn } from "@/lib/utils";

const VARIANTS = {
  info: "border-zinc-200 bg-zinc-50 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-300",
  warning: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200",
  danger: "border-red-200 bg-red-50 text-red-800 dark:border-red-900/60 dark:bg-red-950/40 dark:text-red-200",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900/60 dark:bg-emerald-950/40 dark:text-emerald-200",
} as const;

export function Alert({ variant = "info", className, ...props }: React.ComponentProps<"div"> & { variant?: keyof typeof VARIANTS }) {
  return <div role="alert" className={cn("rounded-md border px-3 py-2 text-sm", VARIANTS[variant], className)} {...props} />;
}
