import Link from "next/link";
import type { OnboardingStep } from "@/lib/orgs/onboarding";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { cn } from "@/lib/utils";

const STEPS: Record<OnboardingStep["id"], { title: string; href: string; action: string }> = {
  provider: { title: "Add a provider", href: "/admin/providers", action: "Connect OpenAI, Anthropic, Bedrock…" },
  route: { title: "Route a model", href: "/admin/providers", action: "Give a model the name your developers call" },
  guardrails: { title: "Set guardrails", href: "/admin/settings", action: "What developers may give themselves" },
  people: { title: "Invite people", href: "/admin/members", action: "Add them by email" },
  key: { title: "Mint the first key", href: "/keys/new", action: "Create a key and make a call" },
};

/** Shown until every step is done; each step links to where it is done. */
export function OnboardingChecklist({ steps }: { steps: OnboardingStep[] }) {
  const left = steps.filter((s) => !s.done).length;
  if (left === 0) return null;
  const next = steps.find((s) => !s.done)?.id;
  return (
    <Card data-testid="onboarding">
      <CardHeader>
        <CardTitle>Set up your organisation</CardTitle>
        <CardDescription>
          {steps.length - left} of {steps.length} done.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ol className="grid gap-2 sm:grid-cols-5">
          {steps.map((s, i) => (
            <li key={s.id} data-testid="onboarding-step" data-done={s.done ? "true" : "false"}>
              <Link
                href={STEPS[s.id].href}
                className={cn(
                  "flex h-full flex-col gap-1 rounded-md border px-3 py-2 text-sm transition-colors hover:bg-zinc-50 dark:hover:bg-zinc-800",
                  s.id === next ? "border-zinc-900 dark:border-zinc-100" : "border-zinc-200 dark:border-zinc-800",
                )}
              >
                <span className="flex items-center gap-2 font-medium">
                  <span
                    aria-hidden
                    className={cn(
                      "flex size-5 items-center justify-center rounded-full text-xs",
                      s.done ? "bg-emerald-600 text-white" : "border border-zinc-400 text-zinc-600 dark:text-zinc-300",
                    )}
                  >
                    {s.done ? "✓" : i + 1}
                  </span>
                  {STEPS[s.id].title}
                  <span className="sr-only">{s.done ? "(done)" : "(to do)"}</span>
                </span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">{STEPS[s.id].action}</span>
              </Link>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
