// The management API's model prices: overrides over the bundled catalog, and the catalog itself.
// Spread into lib/api/registry.ts, which composes every resource into one operation list.
import { defineOperation as op } from "@/lib/api/operation";
import { deletedOf, listOf } from "@/lib/api/serializers/common";
import { CreatePriceBody, ListPricesQuery, PriceCatalogJson, PriceJson, UpdatePriceBody } from "@/lib/api/serializers/prices";

const PRICES = { tag: "Prices", permission: "providers.write" } as const;

export const priceOperations = {
  listPrices: op({
    ...PRICES,
    id: "listPrices",
    method: "GET",
    path: "/v1/prices",
    summary: "List the org's prices",
    description: "The org's own prices, which override the built-in catalog.",
    query: ListPricesQuery,
    response: listOf(PriceJson, "PriceList"),
  }),
  createPrice: op({
    ...PRICES,
    id: "createPrice",
    method: "POST",
    path: "/v1/prices",
    summary: "Set a model's price",
    body: CreatePriceBody,
    response: PriceJson,
    status: 201,
  }),
  getPriceCatalog: op({
    ...PRICES,
    id: "getPriceCatalog",
    method: "GET",
    path: "/v1/prices/catalog",
    summary: "Prices in effect",
    description:
      "The shipped catalog's version and as-of date, every routed model and org price with all its class rates, long-context tiers and service tiers, and the routed models without a price.",
    response: PriceCatalogJson,
  }),
  getPrice: op({ ...PRICES, id: "getPrice", method: "GET", path: "/v1/prices/{id}", summary: "Retrieve a price", response: PriceJson }),
  updatePrice: op({
    ...PRICES,
    id: "updatePrice",
    method: "PATCH",
    path: "/v1/prices/{id}",
    summary: "Update a price",
    body: UpdatePriceBody,
    response: PriceJson,
  }),
  deletePrice: op({
    ...PRICES,
    id: "deletePrice",
    method: "DELETE",
    path: "/v1/prices/{id}",
    summary: "Delete a price (back to the catalog)",
    response: deletedOf("price", "DeletedPrice"),
  }),
};
