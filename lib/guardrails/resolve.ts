// Turns the stored guardrail JSON of an org (and optionally one team) into one Guardrails value.
// A team overrides its org field by field wherever it sets a value, including an explicit null
// ("no limit for this team").
import type { z } from "zod";
import { LatchError } from "@/lib/errors";
import {
  ApprovalRules,
  GUARDRAIL_FIELDS,
  KeyDefaults,
  KeyValues,
  OPEN_LIMITS,
  StoredKeyLimits,
  type Guardrails,
  type KeyLimits,
} from "@/lib/guardrails/schemas";

export type GuardrailSource = { defaultKeyPolicy: unknown; maxKeyPolicy: unknown; approvalRules?: unknown };

function parseStored<T extends z.ZodType>(schema: T, value: unknown, column: string): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  // Fail closed: a broken config must not silently become "no limits".
  if (!result.success) {
    throw new LatchError({
      status: 500,
      type: "server_error",
      code: "guardrails_invalid",
      message: `The key guardrails (${column}) are not valid. Ask an administrator to fix them.`,
    });
  }
  return result.data;
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export function resolveGuardrails(org: GuardrailSource, team?: Omit<GuardrailSource, "approvalRules"> | null): Guardrails {
  const defaults = KeyValues.parse({
    ...defined(parseStored(KeyDefaults, org.defaultKeyPolicy, "defaultKeyPolicy")),
    ...(team ? defined(parseStored(KeyDefaults, team.defaultKeyPolicy, "team defaultKeyPolicy")) : {}),
  });
  const limits: KeyLimits = {
    ...OPEN_LIMITS,
    ...defined(parseStored(StoredKeyLimits, org.maxKeyPolicy, "maxKeyPolicy")),
    ...(team ? defined(parseStored(StoredKeyLimits, team.maxKeyPolicy, "team maxKeyPolicy")) : {}),
  };
  const rules = parseStored(ApprovalRules, org.approvalRules, "approvalRules");
  const approval = Object.fromEntries(GUARDRAIL_FIELDS.map((f) => [f, rules.onExceed[f] ?? "approval"])) as Guardrails["approval"];
  return { defaults, limits, approval };
}
