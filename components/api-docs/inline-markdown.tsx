// The little markdown the OpenAPI descriptions use (`code`, **bold**, paragraphs, "- " lists),
// rendered as elements so no backtick or asterisk shows literally, and no HTML is ever injected.
import { Fragment } from "react";

function inline(text: string, key: string): React.ReactNode[] {
  return text
    .split(/(`[^`]+`|\*\*[^*]+\*\*)/g)
    .filter(Boolean)
    .map((part, i) => {
      if (part.startsWith("`") && part.endsWith("`"))
        return (
          <code key={`${key}-${i}`} className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] dark:bg-zinc-800">
            {part.slice(1, -1)}
          </code>
        );
      if (part.startsWith("**") && part.endsWith("**"))
        return (
          <strong key={`${key}-${i}`} className="font-semibold">
            {part.slice(2, -2)}
          </strong>
        );
      return <Fragment key={`${key}-${i}`}>{part}</Fragment>;
    });
}

export function InlineMarkdown({ text, className }: { text: string; className?: string }) {
  const blocks = text
    .split(/\n{2,}/)
    .map((b) => b.trim())
    .filter(Boolean);
  return (
    <div className={className}>
      {blocks.map((block, i) => {
        const lines = block.split("\n");
        if (lines.every((l) => /^\s*[-*] /.test(l))) {
          return (
            <ul key={i} className="list-disc pl-5">
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*[-*] /, ""), `${i}-${j}`)}</li>
              ))}
            </ul>
          );
        }
        return <p key={i}>{inline(lines.join(" "), String(i))}</p>;
      })}
    </div>
  );
}
