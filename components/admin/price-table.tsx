import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ActionButton } from "@/components/admin/action-button";
import { PriceForm, type PriceValues } from "@/components/admin/price-form";
import type { CatalogRow } from "@/lib/prices/catalog";
import { deletePriceAction, setAllowUnpricedAction } from "@/app/(portal)/admin/prices/actions";

/** Routed models without a price: flagged, because capped keys are refused on them unless the org allows it. */
export function UnpricedModels({
  models,
  allowUnpriced,
}: {
  models: { provider: string; model: string; publicName: string; credential: string }[];
  allowUnpriced: boolean;
}) {
  return (
    <Alert variant={models.length && !allowUnpriced ? "warning" : "info"} data-testid="unpriced-models">
      <p className="font-medium">
        {models.length ? `${models.length} routed model${models.length === 1 ? " has" : "s have"} no price` : "Every routed model has a price."}
      </p>
      {models.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-1.5" data-testid="unpriced-list">
          {models.map((m) => (
            <li key={`${m.publicName}/${m.provider}/${m.model}`} className="flex items-center gap-1">
              <Badge variant="warning">unpriced</Badge>
              <span>
                {m.publicName} ({m.provider}/{m.model} via {m.credential})
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <span>Unpriced models are {allowUnpriced ? "allowed (their spend counts as $0)" : "refused on keys with a spend limit"}.</span>
        <ActionButton
          action={setAllowUnpricedAction.bind(null, !allowUnpriced)}
          label={allowUnpriced ? "Refuse unpriced models" : "Allow unpriced models"}
          done={allowUnpriced ? "Unpriced models are refused." : "Unpriced models are allowed."}
        />
      </div>
    </Alert>
  );
}

const usd = (v: number) => `$${Number(v.toPrecision(6))}`;
const dec = (v: { toString(): string } | null) => (v === null ? null : Number(v.toString()));

/** Form values: the org row as stored, or the catalog's resolved rates to start an org price from. */
function formValues(r: CatalogRow): PriceValues {
  const o = r.own;
  if (o)
    return {
      provider: r.provider,
      model: r.model,
      input: dec(o.inputPerMTok),
      output: dec(o.outputPerMTok),
      cachedInput: dec(o.cachedInputPerMTok),
      cacheWrite5m: dec(o.cacheWrite5mPerMTok),
      cacheWrite1h: dec(o.cacheWrite1hPerMTok),
      reasoning: dec(o.reasoningPerMTok),
      audioInput: dec(o.audioInputPerMTok),
      audioOutput: dec(o.audioOutputPerMTok),
      webSearch: dec(o.webSearchPerKCalls),
    };
  const x = r.rates;
  return {
    provider: r.provider,
    model: r.model,
    input: x.inputPerMTok,
    output: x.outputPerMTok,
    cachedInput: x.cachedInputPerMTok,
    cacheWrite5m: null,
    cacheWrite1h: null,
    reasoning: null,
    audioInput: null,
    audioOutput: null,
    webSearch: null,
  };
}

/** Every class rate of a row, USD per 1M tokens (web search per 1,000 calls). */
function ClassRates({ r }: { r: CatalogRow }) {
  const x = r.rates;
  const cells: [string, string][] = [
    ["input", usd(x.inputPerMTok)],
    ["cache read", usd(x.cachedInputPerMTok)],
    ["cache write 5m", usd(x.cacheWrite5mPerMTok)],
    ["cache write 1h", usd(x.cacheWrite1hPerMTok)],
    ["output", usd(x.outputPerMTok)],
    ["reasoning", usd(x.reasoningPerMTok)],
    ["audio in", usd(x.audioInputPerMTok)],
    ["audio out", usd(x.audioOutputPerMTok)],
    ["web search /1k", usd(x.webSearchPerKCalls)],
  ];
  return (
    <div className="flex flex-col gap-1 text-xs text-zinc-600 dark:text-zinc-400" data-testid="class-rates">
      <dl className="grid grid-cols-3 gap-x-4 gap-y-0.5 sm:grid-cols-5">
        {cells.map(([k, v]) => (
          <div key={k} className="flex justify-between gap-2">
            <dt>{k}</dt>
            <dd className="tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
      {r.longContext.map((t) => (
        <p key={t.aboveInputTokens}>
          Prompts above {t.aboveInputTokens.toLocaleString("en-US")} tokens: input {usd(t.inputPerMTok)}, output {usd(t.outputPerMTok)} (every class at its
          long-context rate).
        </p>
      ))}
      {r.serviceTiers.length > 0 && (
        <p>Service tiers: {r.serviceTiers.map((t) => `${t.tier} in ${usd(t.inputPerMTok)} · out ${usd(t.outputPerMTok)}`).join("; ")}.</p>
      )}
      {r.catalogModel && r.catalogModel !== r.model && (
        <p>
          Catalog model: <span className="font-mono">{r.catalogModel}</span>
        </p>
      )}
    </div>
  );
}

export function PriceTable({ rows }: { rows: CatalogRow[] }) {
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="price-table">
      {rows.map((r) => (
        <li key={`${r.provider}/${r.model}`} className="flex flex-col gap-1 px-4 py-2.5 text-sm sm:px-5" data-model={`${r.provider}/${r.model}`}>
          <details>
            <summary className="flex cursor-pointer flex-wrap items-center gap-2">
              <span className="font-mono">
                {r.provider}/{r.model}
              </span>
              <Badge variant={r.source === "org" ? "success" : "outline"}>{r.source === "org" ? "org price" : "catalog"}</Badge>
              {r.routed && <Badge>routed</Badge>}
              {r.longContext.length > 0 && <Badge variant="outline">long-context tier</Badge>}
              <span className="ml-auto tabular-nums text-zinc-600 dark:text-zinc-400">
                in {usd(r.rates.inputPerMTok)} · out {usd(r.rates.outputPerMTok)} · cached {usd(r.rates.cachedInputPerMTok)}
              </span>
            </summary>
            <div className="mt-2 flex flex-col gap-2">
              <ClassRates r={r} />
              <PriceForm
                priceId={r.priceId}
                idPrefix={`${r.provider}-${r.model}-`.replace(/[^\w-]/g, "_")}
                submitLabel="Save price"
                providers={[r.provider]}
                values={formValues(r)}
              />
              {r.priceId && (
                <ActionButton
                  action={deletePriceAction.bind(null, r.priceId)}
                  label="Remove org price"
                  variant="destructive"
                  confirm={`Remove the org price for ${r.model}? The built-in price applies again, if there is one.`}
                  done={`Org price for ${r.model} removed.`}
                />
              )}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
