// An audit event's metadata as a person reads it: "field: before → after" for changes, then the
// other facts; values are shortened, never dumped as raw JSON.
const SKIP = new Set(["before", "after", "userAgent"]);

const show = (v: unknown): string => {
  if (v === null || v === undefined) return "none";
  if (Array.isArray(v)) return v.length ? v.map(show).join(", ") : "none";
  if (typeof v === "object")
    return (
      Object.entries(v as Record<string, unknown>)
        .map(([k, x]) => `${words(k)} ${show(x)}`)
        .join(", ") || "none"
    );
  const text = String(v);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** camelCase and snake_case keys as words: "maxKeyPolicy" → "max key policy". */
const words = (k: string) =>
  k
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();

type Change = { field: string; before: string; after: string };

export function auditChanges(metadata: unknown): { changes: Change[]; facts: { label: string; value: string }[] } {
  const m = (metadata && typeof metadata === "object" ? metadata : {}) as Record<string, unknown>;
  const before = (m.before && typeof m.before === "object" ? m.before : {}) as Record<string, unknown>;
  const after = (m.after && typeof m.after === "object" ? m.after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes = fields.map((f) => ({ field: words(f), before: show(before[f]), after: show(after[f]) })).filter((c) => c.before !== c.after);
  const facts = Object.entries(m)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => ({ label: words(k), value: show(v) }));
  return { changes, facts };
}

export function AuditDetails({ metadata }: { metadata: unknown }) {
  const { changes, facts } = auditChanges(metadata);
  if (!changes.length && !facts.length) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return (
    <ul className="flex flex-col gap-0.5" data-testid="audit-details">
      {changes.map((c) => (
        <li key={`c-${c.field}`}>
          <span className="text-zinc-500 dark:text-zinc-400">{c.field}:</span> <del className="text-red-700 no-underline dark:text-red-400">{c.before}</del> →{" "}
          <ins className="text-emerald-700 no-underline dark:text-emerald-400">{c.after}</ins>
        </li>
      ))}
      {facts.map((f) => (
        <li key={`f-${f.label}`}>
          <span className="text-zinc-500 dark:text-zinc-400">{f.label}:</span> {f.value}
        </li>
      ))}
    </ul>
  );
}
