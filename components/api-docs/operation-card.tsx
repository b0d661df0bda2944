import { InlineMarkdown } from "@/components/api-docs/inline-markdown";
import { SchemaFields, type JsonSchema } from "@/components/api-docs/schema-fields";

type Parameter = { name: string; in: string; required: boolean; description?: string; schema?: JsonSchema };
export type OpenApiOperation = {
  operationId: string;
  tags: string[];
  summary: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: JsonSchema } } }>;
};

const METHOD_COLOURS: Record<string, string> = {
  get: "bg-sky-100 text-sky-900 dark:bg-sky-950 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  patch: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  put: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  delete: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

/** One operation: method and path, what it does, its parameters, body fields and success response. */
export function OperationCard({
  path,
  method,
  op,
  components,
}: {
  path: string;
  method: string;
  op: OpenApiOperation;
  components: Record<string, JsonSchema>;
}) {
  const success = Object.entries(op.responses).find(([status]) => status !== "default");
  return (
    <article
      id={op.operationId}
      className="flex scroll-mt-6 flex-col gap-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-baseline gap-3">
        <span className={`rounded px-2 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_COLOURS[method] ?? ""}`}>{method}</span>
        <code className="break-all font-mono text-sm">{path}</code>
        <h3 className="text-sm text-zinc-700 dark:text-zinc-300">{op.summary}</h3>
      </header>
      {op.description && <InlineMarkdown text={op.description} className="flex flex-col gap-1.5 text-sm text-zinc-600 dark:text-zinc-400" />}
      {op.parameters && op.parameters.length > 0 && (
        <SchemaFields
          caption="Parameters"
          components={components}
          schema={{
            properties: Object.fromEntries(op.parameters.map((p) => [`${p.name} (${p.in})`, { ...p.schema, description: p.description }])),
            required: op.parameters.filter((p) => p.required).map((p) => `${p.name} (${p.in})`),
          }}
        />
      )}
      {op.requestBody && <SchemaFields caption="Body" components={components} schema={op.requestBody.content["application/json"].schema} />}
      {success?.[1].content && (
        <SchemaFields caption={`Response ${success[0]}`} components={components} schema={success[1].content["application/json"].schema} />
      )}
    </article>
  );
}
