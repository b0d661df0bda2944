import { cn } from "@/lib/utils";

/** A horizontal meter; turns amber from 80% and red at 100%, where a cap starts refusing requests. */
export function Progress({ value, max, label, className }: { value: number; max: number; label: string; className?: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  const tone = ratio >= 1 ? "bg-red-500" : ratio >= 0.8 ? "bg-amber-500" : "bg-emerald-500";
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={Math.min(value, max)}
      className={cn("h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800", className)}
    >
      <div className={cn("h-full rounded-full", tone)} style={{ width: `${Math.max(ratio * 100, value > 0 ? 2 : 0)}%` }} />
    </div>
  );
}
