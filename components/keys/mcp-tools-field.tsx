"use client";
// The MCP tools a key may call, in the create and edit key forms: `server/tool` patterns, with
// the guardrail beside them. Beyond the guardrail the form becomes a request, as for models.
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

/** Commas and line breaks separate patterns, as in the models field. */
export const splitTools = (v: string) =>
  v
    .split(/[,\n]+/)
    .map((t) => t.trim())
    .filter(Boolean);

type Props = { idPrefix: string; value: string; onChange: (value: string) => void; allowed: readonly string[] | null; error?: string };

export function McpToolsField({ idPrefix, value, onChange, allowed, error }: Props) {
  const id = `${idPrefix}-tools`;
  const hint = allowed?.length
    ? `Without approval: ${allowed.join(", ")}.`
    : "server/tool patterns such as github/get_* or github/*. Empty: every tool your org allows.";
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>MCP tools</Label>
      <Input
        id={id}
        name="tools"
        value={value}
        placeholder="github/get_*, github/list_*"
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
      />
      <p id={`${id}-note`} className={error ? "text-xs text-red-600 dark:text-red-400" : "text-xs text-zinc-500 dark:text-zinc-400"}>
        {error ?? hint}
      </p>
    </div>
  );
}
