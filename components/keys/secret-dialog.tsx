"use client";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { CodeBlock } from "@/components/keys/code-block";
import { CopyButton } from "@/components/keys/copy-button";
import { keySnippets } from "@/components/keys/snippets";
import { cn } from "@/lib/utils";

type Props = { title: string; name: string; secret: string; appUrl: string; model: string; onClose: () => void; note?: string };

/** Shows a raw secret once. Escape and backdrop clicks are ignored so it is not lost by accident. */
export function SecretDialog({ title, name, secret, appUrl, model, onClose, note }: Props) {
  const snippets = keySnippets(appUrl, secret, model);
  const [tab, setTab] = useState(snippets[0]!.id);
  const active = snippets.find((s) => s.id === tab) ?? snippets[0]!;
  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      description={
        <>
          Key “{name}”{note ? `. ${note}` : ""}
        </>
      }
      dismissible={false}
      className="max-w-2xl"
    >
      <Alert variant="warning" role="note" data-testid="secret-warning">
        <strong className="font-semibold">Copy it now: it cannot be shown again.</strong> Latch keeps only a hash of it. If you lose it, rotate the key.
      </Alert>
      <div className="flex items-center gap-2">
        <code
          data-testid="new-key-secret"
          className="min-w-0 flex-1 truncate rounded-md border border-zinc-300 bg-zinc-50 px-3 py-2 font-mono text-sm select-all dark:border-zinc-700 dark:bg-zinc-950"
        >
          {secret}
        </code>
        <CopyButton value={secret} label="Copy key" />
      </div>
      <div className="flex flex-col gap-2">
        <div role="tablist" aria-label="How to use it" className="flex flex-wrap gap-1">
          {snippets.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              aria-selected={s.id === tab}
              onClick={() => setTab(s.id)}
              className={cn(
                "rounded-md px-2.5 py-1 text-xs font-medium",
                s.id === tab
                  ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900"
                  : "text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800",
              )}
            >
              {s.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" aria-label={active.label}>
          <CodeBlock code={active.code} copyLabel="Copy snippet" testId={`snippet-${active.id}`} />
        </div>
      </div>
      <div className="flex justify-end">
        <Button onClick={onClose}>I’ve saved it</Button>
      </div>
    </Dialog>
  );
}
