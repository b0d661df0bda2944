"use client";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/keys/copy-button";

type Props = { name: string; secret: string; appUrl: string; onDismiss: () => void };

export function NewKeySecret({ name, secret, appUrl, onDismiss }: Props) {
  const snippet = [
    `export OPENAI_BASE_URL=${appUrl}/v1`,
    `export OPENAI_API_KEY=${secret}`,
    "",
    `curl "$OPENAI_BASE_URL/chat/completions" \\`,
    `  -H "Authorization: Bearer $OPENAI_API_KEY" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '{"model":"echo","messages":[{"role":"user","content":"Hello"}]}'`,
  ].join("\n");

  return (
    <section aria-labelledby="new-key-title" className="flex flex-col gap-3 rounded-lg border border-emerald-200 bg-emerald-50/50 p-4">
      <div className="flex items-start justify-between gap-4">
        <div>
          <h2 id="new-key-title" className="text-sm font-semibold text-zinc-900">Key “{name}” created</h2>
          <p className="text-sm text-zinc-600">Copy the secret now. You won’t see it again: Latch stores only a hash of it.</p>
        </div>
        <Button variant="ghost" size="sm" onClick={onDismiss}>Done</Button>
      </div>
      <div className="flex items-center gap-2">
        <code data-testid="new-key-secret" className="min-w-0 flex-1 truncate rounded-md border border-zinc-300 bg-white px-3 py-2 font-mono text-sm select-all">
          {secret}
        </code>
        <CopyButton value={secret} />
      </div>
      <Alert variant="info" role="note" className="flex flex-col gap-2 bg-white">
        <div className="flex items-center justify-between">
          <span className="font-medium text-zinc-800">Use it with any OpenAI SDK or tool</span>
          <CopyButton value={snippet} label="Copy snippet" />
        </div>
        <pre className="overflow-x-auto rounded bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100">{snippet}</pre>
      </Alert>
    </section>
  );
}
