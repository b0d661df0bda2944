"use client";
// Degrade rules of one scope (org, team or key), one row per rule: from what share of a cap it
// applies, and whether it routes a model pattern to a cheaper model, throttles, or both. Posts
// `rule-<i>-<field>` inputs that lib/policy/degrade-rules-form.ts reads back.
import { useState } from "react";
import { Field } from "@/components/admin/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ruleInputName } from "@/lib/policy/degrade-rule-fields";
import type { DegradeRuleInput } from "@/lib/policy/degrade-rules";

type Row = { id: number; rule: Partial<DegradeRuleInput> };

export function DegradeRulesEditor({ rules, models, scope }: { rules: readonly DegradeRuleInput[]; models: readonly string[]; scope: string }) {
  const [rows, setRows] = useState<Row[]>(() => rules.map((rule, id) => ({ id, rule })));
  const [next, setNext] = useState(rules.length);
  const listId = `degrade-models-${scope}`;
  const add = () => {
    setRows((r) => [...r, { id: next, rule: {} }]);
    setNext((n) => n + 1);
  };
  return (
    <div className="flex flex-col gap-4" data-testid={`degrade-rules-${scope}`}>
      <input type="hidden" name="ruleCount" value={rows.length} />
      <datalist id={listId}>
        {models.map((m) => (
          <option key={m} value={m} />
        ))}
      </datalist>
      {rows.length === 0 && (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          No rules: requests are refused only at the hard cap. Add a rule to route or slow down before it.
        </p>
      )}
      {rows.map(({ id, rule }, i) => {
        const field = (name: Parameters<typeof ruleInputName>[1]) => ({ id: `${scope}-${id}-${name}`, name: ruleInputName(i, name) });
        return (
          <fieldset
            key={id}
            className="grid gap-3 rounded-lg border border-zinc-200 p-3 sm:grid-cols-2 lg:grid-cols-6 dark:border-zinc-800"
            data-testid="degrade-rule"
          >
            <legend className="sr-only">Rule {i + 1}</legend>
            <Field id={field("name").id} label="Rule name" className="lg:col-span-2">
              <Input {...field("name")} defaultValue={rule.name ?? ""} placeholder="cheaper-near-cap" maxLength={60} />
            </Field>
            <Field id={field("atPercent").id} label="From % of a cap">
              <Input
                {...field("atPercent")}
                type="number"
                min={1}
                max={100}
                step="any"
                inputMode="decimal"
                defaultValue={rule.atPercent ?? ""}
                placeholder="80"
              />
            </Field>
            <Field id={field("from").id} label="Route models matching" hint="A pattern, e.g. gpt-4o*">
              <Input {...field("from")} defaultValue={rule.route?.from ?? ""} placeholder="claude-opus-*" list={listId} />
            </Field>
            <Field id={field("to").id} label="…to model">
              <Input {...field("to")} defaultValue={rule.route?.to ?? ""} placeholder="claude-haiku-4-5" list={listId} />
            </Field>
            <Field id={field("throttleRpm").id} label="Or throttle to (req/min)">
              <Input {...field("throttleRpm")} type="number" min={1} step={1} inputMode="numeric" defaultValue={rule.throttleRpm ?? ""} placeholder="10" />
            </Field>
            <div className="flex items-end sm:col-span-2 lg:col-span-6">
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => setRows((r) => r.filter((row) => row.id !== id))}
                aria-label={`Remove rule ${i + 1}`}
              >
                Remove rule
              </Button>
            </div>
          </fieldset>
        );
      })}
      <div>
        <Button type="button" variant="outline" size="sm" onClick={add} disabled={rows.length >= 20}>
          Add rule
        </Button>
      </div>
    </div>
  );
}
