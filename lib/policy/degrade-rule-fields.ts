// The names of the degrade-rule editor's inputs, shared by the client editor and the form parser.
// No zod here: the editor runs in the browser, where zod's eval probe would trip the CSP.
export const RULE_FIELDS = ["name", "atPercent", "from", "to", "throttleRpm"] as const;
export type RuleField = (typeof RULE_FIELDS)[number];
export const ruleInputName = (row: number, field: RuleField) => `rule-${row}-${field}`;
