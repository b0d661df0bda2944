// Tokens of the range by billing class: what the provider's invoice itemises, and how much of
// it Latch counted itself from cut-off streams.
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { DataTable } from "@/components/admin/data-table";
import type { Column } from "@/components/admin/format";
import type { TokenClassTotals } from "@/lib/usage/attribution";

const COLUMNS: Column[] = [
  { key: "label", label: "Class" },
  { key: "value", label: "Tokens", format: "int" },
];

export function TokenClasses({ classes }: { classes: TokenClassTotals }) {
  const cacheWrites = classes.cacheWrite5mTokens + classes.cacheWrite1hTokens;
  const rows = [
    { label: "Input, uncached", value: Math.max(0, classes.inputTokens - classes.cachedInputTokens - cacheWrites) },
    { label: "Cache reads", value: classes.cachedInputTokens },
    { label: "Cache writes, 5 min", value: classes.cacheWrite5mTokens },
    { label: "Cache writes, 1 h", value: classes.cacheWrite1hTokens },
    { label: "Audio input (in input)", value: classes.audioInputTokens },
    { label: "Output", value: classes.outputTokens },
    { label: "Reasoning (in output)", value: classes.reasoningTokens },
    { label: "Audio output (in output)", value: classes.audioOutputTokens },
    { label: "Web searches (requests)", value: classes.webSearchRequests },
    { label: "Requests estimated (cut-off streams)", value: classes.estimatedRequests },
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>Tokens by class</CardTitle>
        <CardDescription>As the providers bill them: cache reads and writes, reasoning and audio are priced at their own rates.</CardDescription>
      </CardHeader>
      <DataTable testId="token-classes" columns={COLUMNS} rows={rows} empty="No usage yet." />
    </Card>
  );
}
