import { CopyButton } from "@/components/keys/copy-button";

export function CodeBlock({ code, copyLabel = "Copy", testId }: { code: string; copyLabel?: string; testId?: string }) {
  return (
    <div className="relative">
      <pre
        data-testid={testId}
        className="overflow-x-auto rounded-md bg-zinc-950 p-3 pr-20 font-mono text-xs leading-relaxed text-zinc-100 ring-1 ring-zinc-800"
      >
        {code}
      </pre>
      <div className="absolute top-2 right-2">
        <CopyButton value={code} label={copyLabel} />
      </div>
    </div>
  );
}
