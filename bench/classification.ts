// `npx tsx bench/classification.ts`: CPU cost of the data-classification step per request, on a
// realistic ~4 KB chat prompt (system prompt, a pasted log excerpt with order numbers, dates and
// ids that look like cards and phone numbers, and a question), through classifyPrompt itself.
//   allow-all      the key's level allows everything: the step must cost next to nothing
//   scan-no-hit    limit "public": every detector runs (the most work), nothing found
//   scan-with-hits limit "public", action redact: email, phone, card, IBAN, AWS key, JWT found and replaced
//   no-hit@confid. limit "confidential": the restricted detectors only, nothing found
// Prints CPU µs per request (median of 9 rounds of 2,000) for each.
import type { RequestContext } from "@/lib/gateway/request-context";
import { classifyPrompt } from "@/lib/policy/classification/enforce";
import { compileOrgClassification, scopeLimit } from "@/lib/policy/classification/policy";

const SYSTEM = `You are a support assistant for Acme Logistics. Answer concisely, cite the relevant log line numbers,
and never invent order data. If you are unsure, say so and suggest the next diagnostic step.`;

const LOG = Array.from({ length: 33 }, (_, i) => {
  const order = String(7_000_000_000_000_000 + i * 7_919_113).slice(0, 16); // 16-digit order ids, no card issuer
  return `2024-05-${String((i % 28) + 1).padStart(2, "0")}T10:${String(i).padStart(2, "0")}:13Z worker-${i % 4} order=${order} sku=AB-${1000 + i} qty=${(i % 5) + 1} status=${i % 3 ? "shipped" : "delayed"} latency_ms=${120 + i * 7}`;
}).join("\n");

const QUESTION = `Several customers report delayed shipments since the deploy on 2024-05-12 (release 4.18.2, build 20240512-1187).
Looking at the excerpt above, which workers produce the delays, is there a pattern in the SKUs, and what should we check first?
Our SLO is 99.5% of orders shipped within 48 hours; the dashboard shows 97.1% for the last 7 days. Ticket OPS-4471.`;

const HITS = `Customer contact: jane.doe@example.com, +44 20 7946 0958 or (415) 555-2671. Refund card 4111 1111 1111 1111,
IBAN DE89 3704 0044 0532 0130 00. Debug creds AKIAIOSFODNN7EXAMPLE and token
eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c`;

function body(extra: string) {
  const user = `Here is the log excerpt:\n${LOG}\n\n${QUESTION}${extra ? `\n\n${extra}` : ""}`;
  return {
    model: "gpt-4o-mini",
    messages: [
      { role: "system", content: SYSTEM },
      { role: "user", content: user },
    ],
  };
}

function context(maxLevel: string | null, action: string): RequestContext {
  const org = { classification: compileOrgClassification({}, []) };
  const key = { teamId: null, classification: scopeLimit(maxLevel, action) };
  return { key, org } as unknown as RequestContext;
}

/**
 * CPU time (user + system) of this process, not wall time: on a shared machine other processes'
 * load inflates wall time, while the CPU a request costs is what the hot-path budget is about.
 */
function measure(name: string, ctx: RequestContext, json: Record<string, unknown>) {
  const run = () => {
    delete ctx.findings;
    classifyPrompt(ctx, "chat.completions", json);
  };
  for (let i = 0; i < 2_000; i++) run(); // warm up the JIT
  const rounds: number[] = [];
  for (let r = 0; r < 9; r++) {
    const n = 2_000;
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) run();
    const used = process.cpuUsage(start);
    rounds.push((used.user + used.system) / n);
  }
  rounds.sort((a, b) => a - b);
  const findings = ctx.findings
    ? Object.entries(ctx.findings.classes)
        .map(([k, v]) => `${k}×${v}`)
        .join(" ")
    : "none";
  console.log(
    `${name.padEnd(15)} ${rounds[4]!.toFixed(1).padStart(7)} µs CPU/request  (min ${rounds[0]!.toFixed(1)}, max ${rounds[8]!.toFixed(1)})  findings: ${findings}`,
  );
}

const clean = body("");
const hits = body(HITS);
console.log(`prompt: ${JSON.stringify(clean).length} bytes clean, ${JSON.stringify(hits).length} bytes with hits; node ${process.version}`);
measure("allow-all", context(null, "block"), clean);
measure("scan-no-hit", context("public", "block"), clean);
measure("scan-with-hits", context("public", "redact"), hits);
// For scale: a common setting, "confidential", runs only the restricted detectors (secrets, cards, national ids).
measure("no-hit@confid.", context("confidential", "block"), clean);
