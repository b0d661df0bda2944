// The admin forms' FormData → verb input parsing, as a browser would post them.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formInput } from "@/lib/actions/form-fields";
import { CreateCredentialForm } from "@/lib/credentials/forms";
import { GuardrailsForm, OrgSettingsForm } from "@/lib/orgs/forms";
import { PriceForm } from "@/lib/prices/forms";
import { CreateRouteForm } from "@/lib/routes/forms";
import { CreateTeamForm } from "@/lib/teams/forms";

const form = (entries: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};

describe("admin forms", () => {
  it("parses a provider credential without the Azure fields", () => {
    const fd = form([
      ["provider", "openai"],
      ["name", "OpenAI"],
      ["baseUrl", ""],
      ["apiKey", "sk-x"],
      ["models", "gpt-4o-mini, gpt-4.1"],
    ]);
    expect(CreateCredentialForm.parse(formInput(fd))).toEqual({
      provider: "openai",
      name: "OpenAI",
      baseUrl: null,
      apiKey: "sk-x",
      azureApiVersion: null,
      deployments: {},
      models: ["gpt-4o-mini", "gpt-4.1"],
      compatible: false,
    });
    const azure = form([
      ["provider", "azure"],
      ["name", "Az"],
      ["azureApiVersion", "2024-10-21"],
      ["deployments", "gpt-4o = prod-4o\n"],
    ]);
    expect(CreateCredentialForm.parse(formInput(azure))).toMatchObject({ deployments: { "gpt-4o": "prod-4o" }, azureApiVersion: "2024-10-21" });
    expect(() =>
      CreateCredentialForm.parse(
        formInput(
          form([
            ["provider", "azure"],
            ["name", "Az"],
            ["deployments", "nope"],
          ]),
        ),
      ),
    ).toThrow();
    const vertex = form([
      ["provider", "vertex"],
      ["name", "V"],
      ["apiKey", "{}"],
      ["region", "europe-west1"],
      ["project", ""],
    ]);
    expect(CreateCredentialForm.parse(formInput(vertex))).toMatchObject({ provider: "vertex", region: "europe-west1", project: undefined });
  });

  it("parses org settings with a cap, ticked providers and unticked checkboxes", () => {
    const fd = form([
      ["name", "Acme"],
      ["timeZone", "UTC"],
      ["allowedProviders", "openai"],
      ["allowedProviders", "mock"],
      ["allowedModels", "gpt-4o*\necho"],
      ["budgetFailMode", "closed"],
      ["spendCapUsd", "1000"],
      ["spendPeriod", "monthly"],
    ]);
    expect(OrgSettingsForm.parse(formInput(fd, ["allowedProviders"]))).toEqual({
      name: "Acme",
      timeZone: "UTC",
      allowedProviders: ["openai", "mock"],
      allowedModels: ["gpt-4o*", "echo"],
      allowUnpricedModels: false,
      clampMaxTokens: false,
      budgetFailMode: "closed",
      spendCap: { limitUsd: 1000, period: "monthly" },
    });
    expect(
      OrgSettingsForm.parse(
        formInput(
          form([
            ["name", "A"],
            ["timeZone", "UTC"],
            ["budgetFailMode", "open"],
            ["spendCapUsd", ""],
          ]),
          ["allowedProviders"],
        ),
      ).spendCap,
    ).toEqual({ limitUsd: null, period: "monthly" });
  });

  it("keeps blank guardrail fields out of the stored policy", () => {
    const fd = form([
      ["d_models", ""],
      ["d_spendCapUsd", "5"],
      ["d_spendPeriod", ""],
      ["l_maxMonthlySpendUsd", "50"],
      ["l_allowNoExpiry", "false"],
      ["l_allowTeamKeys", ""],
      ["a_tpmLimit", "forbidden"],
      ["a_models", ""],
    ]);
    expect(GuardrailsForm.parse(formInput(fd))).toEqual({
      defaultKeyPolicy: { spendCapUsd: 5 },
      maxKeyPolicy: { maxMonthlySpendUsd: 50, allowNoExpiry: false },
      approvalRules: { onExceed: { tpmLimit: "forbidden" } },
    });
    expect(() => GuardrailsForm.parse(formInput(form([["d_rpmLimit", "1.5"]])))).toThrow();
  });

  it("says what is wrong in plain words, under the form's own field names", () => {
    const result = GuardrailsForm.safeParse(
      formInput(
        form([
          ["d_spendCapUsd", "ten dollars"],
          ["l_maxRpm", "2000000"],
          ["l_allowedModels", "gpt-4o*, gpt 4o"],
        ]),
      ),
    );
    expect(result.success).toBe(false);
    const { fieldErrors } = z.flattenError(result.error!) as { fieldErrors: Record<string, string[]> };
    expect(fieldErrors.d_spendCapUsd).toEqual(["Enter a number of dollars, e.g. 25 or 2.50."]);
    expect(fieldErrors.l_maxRpm).toEqual(["At most 1,000,000."]);
    expect(fieldErrors.l_allowedModels?.[0]).toMatch(/^“gpt 4o” is not a valid model pattern/);
    expect(JSON.stringify(fieldErrors)).not.toMatch(/NaN|Invalid input/);
  });

  it("parses teams, routes and prices", () => {
    expect(
      CreateTeamForm.parse(
        formInput(
          form([
            ["name", "ML"],
            ["spendCapUsd", "100"],
            ["spendPeriod", "weekly"],
            ["memberIds", "u1"],
            ["memberIds", "u2"],
          ]),
          ["memberIds"],
        ),
      ),
    ).toEqual({ name: "ML", memberIds: ["u1", "u2"], cap: { limitUsd: 100, period: "weekly" } });
    expect(
      CreateTeamForm.parse(
        formInput(
          form([
            ["name", "ML"],
            ["spendCapUsd", ""],
            ["spendPeriod", "monthly"],
          ]),
          ["memberIds"],
        ),
      ),
    ).toEqual({ name: "ML", memberIds: [] });
    expect(
      CreateRouteForm.parse(
        formInput(
          form([
            ["model", "fast"],
            ["providerId", "c1"],
            ["upstreamModel", ""],
            ["aliases", "a, b"],
            ["priority", "2"],
            ["enabled", "on"],
          ]),
        ),
      ),
    ).toEqual({ model: "fast", providerId: "c1", upstreamModel: undefined, aliases: ["a", "b"], priority: 2, enabled: true });
    expect(
      PriceForm.parse(
        formInput(
          form([
            ["provider", "openai"],
            ["model", "m"],
            ["input", "1.5"],
            ["output", "2"],
            ["cachedInput", ""],
          ]),
        ),
      ),
    ).toEqual({
      provider: "openai",
      model: "m",
      inputUsdPerMillion: 1.5,
      outputUsdPerMillion: 2,
      cachedInputUsdPerMillion: null,
      // Class rates left empty follow the catalog's rules for the model.
      cacheWrite5mUsdPerMillion: null,
      cacheWrite1hUsdPerMillion: null,
      reasoningUsdPerMillion: null,
      audioInputUsdPerMillion: null,
      audioOutputUsdPerMillion: null,
      webSearchUsdPerThousand: null,
    });
  });
});
