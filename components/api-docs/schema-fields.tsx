import { InlineMarkdown } from "@/components/api-docs/inline-markdown";

export type JsonSchema = {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  $ref?: string;
  title?: string;
  default?: unknown;
};

/** "string", "integer | null", "array of string", "one of: a, b": what a reader needs to send. */
export function typeOf(s: JsonSchema, components: Record<string, JsonSchema>): string {
  if (s.$ref) return s.$ref.split("/").pop() ?? "object";
  if (s.enum) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  const union = s.anyOf ?? s.oneOf;
  if (union) return [...new Set(union.map((u) => typeOf(u, components)))].join(" | ");
  if (s.type === "array") return `array of ${s.items ? typeOf(s.items, components) : "any"}`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  return s.type ?? "object";
}

export const resolve = (s: JsonSchema, components: Record<string, JsonSchema>): JsonSchema => (s.$ref ? (components[s.$ref.split("/").pop() ?? ""] ?? s) : s);

/** An object schema's top-level fields as a definition table. */
export function SchemaFields({ schema, components, caption }: { schema: JsonSchema; components: Record<string, JsonSchema>; caption: string }) {
  const resolved = resolve(schema, components);
  const fields = Object.entries(resolved.properties ?? {});
  if (fields.length === 0) return null;
  const required = new Set(resolved.required ?? []);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="pb-1 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">{caption}</caption>
        <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
          {fields.map(([name, field]) => (
            <tr key={name} className="align-top">
              <th scope="row" className="whitespace-nowrap py-1.5 pr-4 font-mono text-xs font-medium">
                {name}
              </th>
              <td className="py-1.5 pr-4 text-xs text-zinc-600 dark:text-zinc-400">
                {typeOf(field, components)}
                {required.has(name) ? ", required" : ""}
              </td>
              <td className="py-1.5 text-xs text-zinc-700 dark:text-zinc-300">{field.description ? <InlineMarkdown text={field.description} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
