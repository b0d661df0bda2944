// Ready-to-paste ways to use a key. Pure, so the empty state can show them with a placeholder.
export type Snippet = { id: string; label: string; code: string };

/** A concrete model for the examples: the key's first non-wildcard model, else the demo echo model. */
export const exampleModel = (models: readonly string[]) => models.find((m) => !m.includes("*")) ?? "echo";

export function keySnippets(appUrl: string, secret: string, model: string): Snippet[] {
  const base = `${appUrl}/v1`;
  return [
    { id: "env", label: "Env", code: `export OPENAI_BASE_URL=${base}\nexport OPENAI_API_KEY=${secret}` },
    {
      id: "curl",
      label: "curl",
      code: [
        `curl ${base}/chat/completions \\`,
        `  -H "Authorization: Bearer ${secret}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d '{"model":"${model}","messages":[{"role":"user","content":"Hello"}]}'`,
      ].join("\n"),
    },
    {
      id: "python",
      label: "Python",
      code: [
        "from openai import OpenAI",
        "",
        `client = OpenAI(base_url="${base}", api_key="${secret}")`,
        `reply = client.chat.completions.create(model="${model}", messages=[{"role": "user", "content": "Hello"}])`,
        "print(reply.choices[0].message.content)",
      ].join("\n"),
    },
    {
      id: "node",
      label: "Node",
      code: [
        'import OpenAI from "openai";',
        "",
        `const client = new OpenAI({ baseURL: "${base}", apiKey: "${secret}" });`,
        `const reply = await client.chat.completions.create({ model: "${model}", messages: [{ role: "user", content: "Hello" }] });`,
        "console.log(reply.choices[0].message.content);",
      ].join("\n"),
    },
    {
      id: "claude-code",
      label: "Claude Code",
      // Claude Code appends /v1/messages itself, so the base URL has no /v1.
      code: `export ANTHROPIC_BASE_URL=${appUrl}\nexport ANTHROPIC_AUTH_TOKEN=${secret}\nclaude`,
    },
  ];
}

/** The empty state's three lines: set two variables, list the models the key can reach. */
export const quickStart = (appUrl: string) =>
  [
    `export OPENAI_BASE_URL=${appUrl}/v1`,
    "export OPENAI_API_KEY=sk-latch-…  # your key",
    'curl $OPENAI_BASE_URL/models -H "Authorization: Bearer $OPENAI_API_KEY"',
  ].join("\n");
