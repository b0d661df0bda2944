// Attribution dimensions over the management API: wire input → lib/attribution verbs → wire output.
import { managementRoute } from "@/lib/api/management-route";
import { operations as ops } from "@/lib/api/registry";
import { pageRows, toList } from "@/lib/api/serializers/common";
import { toCreateDimensionInput, toDimensionJson, toUpdateDimensionInput } from "@/lib/api/serializers/attribution-dimensions";
import { createDimension } from "@/lib/attribution/create";
import { deleteDimension } from "@/lib/attribution/delete";
import { getDimension, listDimensions } from "@/lib/attribution/list";
import { updateDimension } from "@/lib/attribution/update";
import { setSpendCap } from "@/lib/budgets/set-cap";

export const dimensionsApi = {
  list: managementRoute(ops.listAttributionDimensions, async ({ actor, query }) =>
    toList(pageRows(await listDimensions({ actor }), query), query.limit, toDimensionJson),
  ),
  create: managementRoute(ops.createAttributionDimension, async ({ actor, body }) =>
    toDimensionJson(await createDimension({ actor, input: toCreateDimensionInput(body) })),
  ),
  get: managementRoute(ops.getAttributionDimension, async ({ actor, params }) => toDimensionJson(await getDimension({ actor, id: params.id }))),
  update: managementRoute(ops.updateAttributionDimension, async ({ actor, params, body }) =>
    toDimensionJson(await updateDimension({ actor, input: toUpdateDimensionInput(params.id, body) })),
  ),
  setBudget: managementRoute(ops.setDimensionBudget, async ({ actor, params, body }) => {
    const { name } = await getDimension({ actor, id: params.id });
    const cap = await setSpendCap({
      actor,
      input: { target: { scope: "dimension", name, value: body.value }, cap: { limitUsd: body.limit_usd, period: body.period } },
    });
    return { object: "dimension_budget" as const, dimension: name, value: body.value, limit_usd: cap?.limitUsd ?? null, period: cap?.period ?? null };
  }),
  delete: managementRoute(ops.deleteAttributionDimension, async ({ actor, params }) => {
    await deleteDimension({ actor, id: params.id });
    return { id: params.id, object: "attribution_dimension" as const, deleted: true as const };
  }),
};
