import * as React from "react";
import { cn } from "@/lib/utils";

const VARIANTS = {
  info: "border-zinc-200 bg-zinc-50 text-zinc-700",
  warning: "border-amber-200 bg-amber-50 text-amber-900",
  danger: "border-red-200 bg-red-50 text-red-800",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
} as const;

export function Alert({ variant = "info", className, ...props }: React.ComponentProps<"div"> & { variant?: keyof typeof VARIANTS }) {
  return <div role="alert" className={cn("rounded-md border px-3 py-2 text-sm", VARIANTS[variant], className)} {...props} />;
}
