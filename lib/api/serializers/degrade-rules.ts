// Degrade rules on the wire (snake_case), shared by keys, teams and the org settings.
import { z } from "zod";
import { storedDegradeRules, type DegradeRuleInput } from "@/lib/policy/degrade-rules";

const Rule = z
  .strictObject({
    name: z.string().trim().min(1).max(60),
    at_percent: z.number().gt(0).max(100).describe("Share of any of the scope's caps (this period, settled plus in flight) from which the rule applies."),
    route: z
      .strictObject({ from: z.string().min(1).max(200), to: z.string().min(1).max(200) })
      .optional()
      .describe("Send requests for models matching `from` (a model pattern) to the public model `to`."),
    throttle_rpm: z.number().int().positive().optional().describe("One more requests-per-minute window, shared by the rule's scope."),
  })
  .refine((r) => r.route || r.throttle_rpm, "A rule routes, throttles, or both.");

export const DegradeRulesBody = z
  .array(Rule)
  .max(20)
  .describe("Rules applied before a cap is reached, first match wins (key before team before org); replaces the stored list.");

export const DegradeRulesJson = z.array(
  z.object({
    name: z.string(),
    at_percent: z.number(),
    route: z.object({ from: z.string(), to: z.string() }).optional(),
    throttle_rpm: z.number().int().optional(),
  }),
);

export const toDegradeRules = (body: z.infer<typeof DegradeRulesBody>): DegradeRuleInput[] =>
  body.map((r) => ({ name: r.name, atPercent: r.at_percent, route: r.route, throttleRpm: r.throttle_rpm }));

export const toDegradeRulesJson = (stored: unknown): z.input<typeof DegradeRulesJson> =>
  storedDegradeRules(stored).map((r) => ({
    name: r.name,
    at_percent: r.atPercent,
    ...(r.route ? { route: r.route } : {}),
    ...(r.throttleRpm !== undefined ? { throttle_rpm: r.throttleRpm } : {}),
  }));
