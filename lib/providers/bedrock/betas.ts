// Anthropic betas Claude on Bedrock accepts (sent as `anthropic_beta` in the model's request
// fields). Tool search is named differently there; everything absent is dropped, Claude Code's
// own `claude-code-…` flag and prompt-caching scopes included. Keep docs/api.md in step.
import type { BetaTable } from "../anthropic/betas";

export const BEDROCK_BETAS: BetaTable = {
  "computer-use-2024-10-22": "computer-use-2024-10-22",
  "computer-use-2025-01-24": "computer-use-2025-01-24",
  "computer-use-2025-11-24": "computer-use-2025-11-24",
  "token-efficient-tools-2025-02-19": "token-efficient-tools-2025-02-19",
  "interleaved-thinking-2025-05-14": "interleaved-thinking-2025-05-14",
  "fine-grained-tool-streaming-2025-05-14": "fine-grained-tool-streaming-2025-05-14",
  "output-128k-2025-02-19": "output-128k-2025-02-19",
  "context-1m-2025-08-07": "context-1m-2025-08-07",
  "context-management-2025-06-27": "context-management-2025-06-27",
  "effort-2025-11-24": "effort-2025-11-24",
  "tool-examples-2025-10-29": "tool-examples-2025-10-29",
  "tool-search-tool-2025-10-19": "tool-search-tool-2025-10-19",
  "advanced-tool-use-2025-11-20": "tool-search-tool-2025-10-19",
};
