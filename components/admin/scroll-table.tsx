import type * as React from "react";
import { cn } from "@/lib/utils";

/**
 * A table in a horizontally scrollable region that keyboard users can focus and scroll (wide
 * tables overflow on phones); the region is named after the table.
 */
export function ScrollTable({ label, className, ...props }: React.ComponentProps<"table"> & { label: string }) {
  return (
    <div className="w-full overflow-x-auto focus-visible:outline-2 focus-visible:outline-zinc-400" tabIndex={0} role="region" aria-label={label}>
      <table className={cn("w-full caption-bottom text-sm", className)} {...props} />
    </div>
  );
}
