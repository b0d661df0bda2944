import { describe, expect, it } from "vitest";
import { getAdapter, listAdapters, providerIds } from "./registry";

describe("provider registry", () => {
  it("maps every id to the adapter with that id", () => {
    for (const id of providerIds) expect(getAdapter(id)?.id).toBe(id);
    expect(listAdapters().map((a) => a.id)).toEqual([...providerIds]);
  });

  it("returns undefined for unknown ids, including prototype keys", () => {
    expect(getAdapter("nope")).toBeUndefined();
    expect(getAdapter("constructor")).toBeUndefined();
    expect(getAdapter("__proto__")).toBeUndefined();
  });
});
