import type { Metadata } from "next";
import { OPERATIONS } from "@/lib/api/registry";
import { jsonSchemaOf, scopesFor } from "@/lib/api/openapi";
import type { Operation } from "@/lib/api/operation";

export const metadata: Metadata = { title: "Management API · Latch" };

type Field = { name: string; type: string; required: boolean; description?: string };

/** Top-level body fields, read from the same zod schemas the API validates with. */
function fieldsOf(op: Operation): Field[] {
  if (!op.body) return [];
  const json = jsonSchemaOf(op.body, "input") as { properties?: Record<string, { type?: string; anyOf?: { type?: string }[]; description?: string }>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type ?? p.anyOf?.map((a) => a.type ?? "object").join(" | ") ?? "any",
    required: json.required?.includes(name) ?? false,
    description: p.description,
  }));
}

export default function ApiDocsPage() {
  const tags = [...new Set(OPERATIONS.map((op) => op.tag))];
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-8 px-6 py-10">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">Management API</h1>
        <p className="text-sm text-zinc-600">
          Send <code>Authorization: Bearer &lt;management token&gt;</code>. Bodies and responses are JSON in snake_case; errors are{" "}
          <code>{"{error: {message, type, code, param}}"}</code>. POSTs accept an <code>Idempotency-Key</code> header. The machine-readable
          document is at <a className="underline" href="/api/openapi.json">/api/openapi.json</a>.
        </p>
      </header>
      {tags.map((tag) => (
        <section key={tag} className="flex flex-col gap-4">
          <h2 className="text-lg font-semibold">{tag}</h2>
          {OPERATIONS.filter((op) => op.tag === tag).map((op) => (
            <article key={op.id} id={op.id} className="rounded-lg border border-zinc-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline gap-3">
                <code className="rounded bg-zinc-900 px-2 py-0.5 text-xs font-semibold text-white">{op.method}</code>
                <code className="text-sm">{op.path}</code>
                <span className="text-sm text-zinc-600">{op.summary}</span>
              </div>
              {op.description ? <p className="mt-2 text-sm text-zinc-600">{op.description}</p> : null}
              <p className="mt-2 text-xs text-zinc-500">Scopes: {scopesFor(op.permission).join(" or ")}</p>
              {fieldsOf(op).length > 0 ? (
                <ul className="mt-3 grid gap-1 text-sm">
                  {fieldsOf(op).map((f) => (
                    <li key={f.name}>
                      <code>{f.name}</code> <span className="text-zinc-500">{f.type}{f.required ? ", required" : ""}</span>
                      {f.description ? <span className="text-zinc-600"> — {f.description}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          ))}
        </section>
      ))}
    </main>
  );
}
