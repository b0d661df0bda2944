"use client";
import { useState } from "react";
import { compileModelPatterns } from "@/lib/policy/model-glob";
import { isModelPattern } from "@/lib/guardrails/model-pattern";
import type { RoutedModel } from "@/lib/keys/routed-models";
import { Textarea } from "@/components/ui/textarea";

const split = (v: string) =>
  v
    .split(/[,\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * Model patterns with the routed models one click away, and what the patterns match right now
 * (a glob is easy to get wrong: `gpt-4*` also matches `gpt-4o-mini`).
 */
export function ModelPatternField({ id, name, defaultValue, models }: { id: string; name: string; defaultValue: string; models: RoutedModel[] }) {
  const [value, setValue] = useState(defaultValue);
  const patterns = split(value);
  const valid = patterns.filter(isModelPattern);
  const matcher = compileModelPatterns(valid);
  const matched = matcher ? models.filter((m) => matcher(`${m.provider}/${m.name}`, m.name)).map((m) => m.name) : [];
  const add = (model: string) => setValue((v) => (split(v).includes(model) ? v : [...split(v), model].join(", ")));
  return (
    <div className="flex flex-col gap-2">
      <Textarea id={id} name={name} rows={2} value={value} onChange={(e) => setValue(e.target.value)} placeholder="e.g. gpt-4o*, anthropic/*" />
      {models.length > 0 && (
        <div className="flex flex-wrap items-center gap-1.5 text-xs">
          <span className="text-zinc-500 dark:text-zinc-400">Routed:</span>
          {models.map((m) => (
            <button
              key={m.name}
              type="button"
              onClick={() => add(m.name)}
              className="rounded border border-zinc-300 px-1.5 py-0.5 font-mono hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
              aria-label={`Add ${m.name}`}
            >
              {m.name}
            </button>
          ))}
        </div>
      )}
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid={`${id}-matches`} aria-live="polite">
        {patterns.length === 0 ? "No patterns." : matched.length ? `Matches ${matched.join(", ")}.` : "Matches no routed model."}
        {valid.length < patterns.length ? ` ${patterns.length - valid.length} not a valid pattern.` : ""}
      </p>
    </div>
  );
}
