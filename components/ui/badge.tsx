import type * as React from "react";
import { cn } from "@/lib/utils";

const VARIANTS = {
  default: "border-zinc-200 bg-zinc-100 text-zinc-700 dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  success: "border-emerald-200 bg-emerald-50 text-emerald-700 dark:border-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-300",
  warning: "border-amber-200 bg-amber-50 text-amber-800 dark:border-amber-900 dark:bg-amber-950/50 dark:text-amber-300",
  danger: "border-red-200 bg-red-50 text-red-700 dark:border-red-900 dark:bg-red-950/50 dark:text-red-300",
  outline: "border-zinc-300 bg-transparent text-zinc-600 dark:border-zinc-600 dark:text-zinc-300",
} as const;

export type BadgeVariant = keyof typeof VARIANTS;

export function Badge({ variant = "default", className, ...props }: React.ComponentProps<"span"> & { variant?: BadgeVariant }) {
  return <span className={cn("inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium", VARIANTS[variant], className)} {...props} />;
}
