import Link from "next/link";
import { CodeBlock } from "@/components/keys/code-block";
import { quickStart } from "@/components/keys/snippets";
import { buttonClasses } from "@/components/ui/button";

export function EmptyKeys({ appUrl, filtered }: { appUrl: string; filtered: boolean }) {
  if (filtered) return <p className="px-5 py-10 text-center text-sm text-zinc-500 dark:text-zinc-400">No keys match these filters.</p>;
  return (
    <div className="flex flex-col gap-4 px-4 py-8 sm:px-5" data-testid="keys-empty">
      <div className="flex flex-col gap-1">
        <p className="font-medium text-zinc-900 dark:text-zinc-100">No keys yet.</p>
        <p className="max-w-prose text-sm text-zinc-600 dark:text-zinc-400">
          A key is your own password for the company’s AI models. Use it anywhere an OpenAI or Anthropic key works: Latch checks its limits, forwards the
          request to the real provider and counts what it costs. You can revoke it at any time without affecting anyone else.
        </p>
      </div>
      <CodeBlock code={quickStart(appUrl)} />
      <div>
        <Link href="/keys/new" className={buttonClasses({})}>
          Create your first key
        </Link>
      </div>
    </div>
  );
}
