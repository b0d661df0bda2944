import { Card } from "@/components/ui/card";
import { formatCell } from "@/components/admin/format";
import type { UsageTotals } from "@/lib/usage/attribution";

/** The range's headline numbers. */
export function Totals({ totals }: { totals: UsageTotals }) {
  const items = [
    { id: "spend", label: "Spend", value: formatCell(totals.costUsd, "usd") },
    { id: "requests", label: "Requests", value: formatCell(totals.requests, "int") },
    { id: "tokens", label: "Tokens", value: formatCell(totals.inputTokens + totals.outputTokens, "int") },
    { id: "rejected", label: "Rejected", value: formatCell(totals.rejected, "int") },
  ];
  return (
    <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {items.map((i) => (
        <Card key={i.id} className="px-4 py-3">
          <dt className="text-xs font-medium uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{i.label}</dt>
          <dd className="mt-1 text-xl font-semibold tabular-nums" data-testid={`total-${i.id}`}>
            {i.value}
          </dd>
        </Card>
      ))}
    </dl>
  );
}
