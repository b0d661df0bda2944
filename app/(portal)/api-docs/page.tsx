import type { Metadata } from "next";
import { env } from "@/lib/env";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { InlineMarkdown } from "@/components/api-docs/inline-markdown";
import { OperationCard, type OpenApiOperation } from "@/components/api-docs/operation-card";
import type { JsonSchema } from "@/components/api-docs/schema-fields";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "API reference · Latch" };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** The management API's reference, rendered from the same OpenAPI document /api/openapi.json serves. */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument(env.APP_URL);
  const components = doc.components.schemas as Record<string, JsonSchema>;
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as OpenApiOperation })),
  );
  const tags = doc.tags.map((t) => t.name);
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title="API reference" description="The management API: keys, teams, users, providers, routes, prices, usage and audit events.">
        <a href="/api/openapi.json" className="text-sm underline">
          OpenAPI document
        </a>
      </PageHeader>
      <InlineMarkdown text={doc.info.description} className="flex max-w-3xl flex-col gap-2 text-sm text-zinc-700 dark:text-zinc-300" />
      <div className="grid gap-6 lg:grid-cols-[12rem_minmax(0,1fr)]">
        <nav aria-label="Contents" className="lg:sticky lg:top-6 lg:self-start">
          <p className="pb-1 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">Contents</p>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm lg:flex-col">
            {tags.map((tag) => (
              <li key={tag}>
                <a href={`#${anchor(tag)}`} className="text-zinc-700 hover:underline dark:text-zinc-300">
                  {tag}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex min-w-0 flex-col gap-8">
          {tags.map((tag) => (
            <section key={tag} id={anchor(tag)} aria-labelledby={`${anchor(tag)}-title`} className="flex scroll-mt-6 flex-col gap-3">
              <h2 id={`${anchor(tag)}-title`} className="text-lg font-semibold">
                {tag}
              </h2>
              {operations
                .filter((o) => o.op.tags.includes(tag))
                .map((o) => (
                  <OperationCard key={o.op.operationId} path={o.path} method={o.method} op={o.op} components={components} />
                ))}
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}

const anchor = (tag: string) => `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
