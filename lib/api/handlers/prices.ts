import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { toList } from "@/lib/api/serializers/common";
import { toCreatePriceInput, toPriceCatalogJson, toPriceJson, toUpdatePriceInput } from "@/lib/api/serializers/prices";
import { getPriceCatalog } from "@/lib/prices/catalog";
import { createPrice } from "@/lib/prices/create";
import { deletePrice } from "@/lib/prices/delete";
import { getPrice, listPrices } from "@/lib/prices/list";
import { updatePrice } from "@/lib/prices/update";

export const pricesApi = {
  list: managementRoute(ops.listPrices, async ({ actor, query }) => {
    const rows = await listPrices({ actor, provider: query.provider, model: query.model, take: query.limit + 1, after: query.after });
    return toList(rows, query.limit, toPriceJson);
  }),
  catalog: managementRoute(ops.getPriceCatalog, async ({ actor }) => toPriceCatalogJson(await getPriceCatalog({ actor }))),
  create: managementRoute(ops.createPrice, async ({ actor, body }) => toPriceJson(await createPrice({ actor, input: toCreatePriceInput(body) }))),
  get: managementRoute(ops.getPrice, async ({ actor, params }) => toPriceJson(await getPrice({ actor, priceId: params.id }))),
  update: managementRoute(ops.updatePrice, async ({ actor, params, body }) =>
    toPriceJson(await updatePrice({ actor, input: toUpdatePriceInput(params.id, body) })),
  ),
  delete: managementRoute(ops.deletePrice, async ({ actor, params }) => {
    await deletePrice({ actor, priceId: params.id });
    return { id: params.id, object: "price" as const, deleted: true as const };
  }),
};
