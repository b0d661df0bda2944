import type { Metadata } from "next";
import { requireAdminPage } from "@/lib/orgs/admin-page";
import { getPriceCatalog } from "@/lib/prices/catalog";
import { providerIds } from "@/lib/providers/registry";
import { PageHeader } from "@/components/ui/page-header";
import { PriceTable, UnpricedModels } from "@/components/admin/price-table";
import { PriceForm } from "@/components/admin/price-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata: Metadata = { title: "Prices · Admin · Latch" };
export const dynamic = "force-dynamic";

export default async function PricesPage() {
  const actor = await requireAdminPage("providers.write");
  const catalog = await getPriceCatalog({ actor });
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Price catalog"
        description={`USD per 1M tokens. Public list prices from ${catalog.catalog.source} ${catalog.catalog.version}, as of ${catalog.catalog.asOf}; your own prices override them.`}
      />
      <UnpricedModels models={catalog.unpriced} allowUnpriced={catalog.allowUnpricedModels} />
      <Card>
        <CardHeader>
          <CardTitle>Add an org price</CardTitle>
          <CardDescription>For a model the catalog lacks, or a negotiated rate.</CardDescription>
        </CardHeader>
        <CardContent>
          <PriceForm
            priceId={null}
            idPrefix="new-"
            submitLabel="Add price"
            providers={providerIds}
            values={{
              provider: "openai",
              model: "",
              input: null,
              output: null,
              cachedInput: null,
              cacheWrite5m: null,
              cacheWrite1h: null,
              reasoning: null,
              audioInput: null,
              audioOutput: null,
              webSearch: null,
            }}
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Prices in effect</CardTitle>
          <CardDescription>Routed models first. Editing a catalog price adds an org price over it.</CardDescription>
        </CardHeader>
        <PriceTable rows={catalog.rows} />
      </Card>
    </div>
  );
}
