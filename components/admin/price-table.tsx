import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ActionButton } from "@/components/admin/action-button";
import { PriceForm } from "@/components/admin/price-form";
import type { CatalogRow } from "@/lib/prices/catalog";
import { deletePriceAction, setAllowUnpricedAction } from "@/app/(portal)/admin/prices/actions";

/** Routed models without a price: flagged, because capped keys are refused on them unless the org allows it. */
export function UnpricedModels({ models, allowUnpriced }: { models: { provider: string; model: string; publicName: string; credential: string }[]; allowUnpriced: boolean }) {
  return (
    <Alert variant={models.length && !allowUnpriced ? "warning" : "info"} data-testid="unpriced-models">
      <p className="font-medium">
        {models.length ? `${models.length} routed model${models.length === 1 ? " has" : "s have"} no price` : "Every routed model has a price."}
      </p>
      {models.length > 0 && <p className="mt-1">{models.map((m) => `${m.publicName} (${m.provider}/${m.model} via ${m.credential})`).join(", ")}</p>}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span>Unpriced models are {allowUnpriced ? "allowed (their spend counts as $0)" : "refused on keys with a spend limit"}.</span>
        <ActionButton action={setAllowUnpricedAction.bind(null, !allowUnpriced)} label={allowUnpriced ? "Refuse unpriced models" : "Allow unpriced models"} />
      </div>
    </Alert>
  );
}

export function PriceTable({ rows }: { rows: CatalogRow[] }) {
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="price-table">
      {rows.map((r) => (
        <li key={`${r.provider}/${r.model}`} className="flex flex-col gap-1 px-4 py-2.5 text-sm sm:px-5" data-model={`${r.provider}/${r.model}`}>
          <details>
            <summary className="flex cursor-pointer flex-wrap items-center gap-2">
              <span className="font-mono">{r.provider}/{r.model}</span>
              <Badge variant={r.source === "org" ? "success" : "outline"}>{r.source === "org" ? "org price" : "catalog"}</Badge>
              {r.routed && <Badge>routed</Badge>}
              <span className="ml-auto tabular-nums text-zinc-600 dark:text-zinc-400">
                in ${r.input} · out ${r.output}{r.cachedInput !== null ? ` · cached $${r.cachedInput}` : ""}
              </span>
            </summary>
            <div className="mt-2 flex flex-col gap-2">
              <PriceForm priceId={r.priceId} idPrefix={`${r.provider}-${r.model}-`.replace(/[^\w-]/g, "_")} submitLabel="Save price" providers={[r.provider]} values={r} />
              {r.priceId && <ActionButton action={deletePriceAction.bind(null, r.priceId)} label="Remove org price" variant="ghost" />}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
