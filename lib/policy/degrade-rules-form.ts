// The portal's degrade-rule editor posts one row of inputs per rule (`rule-<i>-name`, …): this
// turns them into the stored rules, with each problem reported under the input that caused it.
import { ZodError, type z } from "zod";
import { DegradeRuleInput } from "@/lib/policy/degrade-rules";
import { RULE_FIELDS, ruleInputName, type RuleField } from "@/lib/policy/degrade-rule-fields";

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");
const number = (v: unknown) => (text(v) === "" ? undefined : Number(text(v)));

/** Rows with every input blank are ignored (an added row left empty). */
export function parseDegradeRulesForm(form: Record<string, unknown>): DegradeRuleInput[] {
  const rows = Math.min(20, Math.max(0, Number(form.ruleCount) || 0));
  const rules: DegradeRuleInput[] = [];
  const rowOf: number[] = [];
  const issues: z.core.$ZodIssue[] = [];
  for (let i = 0; i < rows; i++) {
    const raw = Object.fromEntries(RULE_FIELDS.map((f) => [f, form[ruleInputName(i, f)]]));
    if (RULE_FIELDS.every((f) => text(raw[f]) === "")) continue;
    const from = text(raw.from);
    const to = text(raw.to);
    const candidate = {
      name: text(raw.name),
      atPercent: number(raw.atPercent),
      ...(from || to ? { route: { from: from || "*", to } } : {}),
      throttleRpm: number(raw.throttleRpm),
    };
    const parsed = DegradeRuleInput.safeParse(candidate);
    if (parsed.success) {
      rules.push(parsed.data);
      rowOf.push(i);
      continue;
    }
    for (const issue of parsed.error.issues) {
      const field = (issue.path.at(-1) === "from" || issue.path.at(-1) === "to" ? issue.path.at(-1) : issue.path[0]) as RuleField | undefined;
      const message = field === undefined ? "Route to a model, throttle, or both." : messageFor(field, issue.message);
      issues.push({ ...issue, path: [ruleInputName(i, field ?? "to")], message });
    }
  }
  const names = rules.map((r) => r.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i)
      issues.push({ code: "custom", path: [ruleInputName(rowOf[i]!, "name")], message: "Rule names must be unique.", input: name });
  });
  if (issues.length) throw new ZodError(issues);
  return rules;
}

function messageFor(field: RuleField, fallback: string): string {
  if (field === "name") return "Give the rule a name (at most 60 characters).";
  if (field === "atPercent") return "A share of the cap between 1 and 100 %.";
  if (field === "to") return "The model to send matching requests to.";
  if (field === "throttleRpm") return "A whole number of requests per minute.";
  return fallback;
}
