// Anthropic betas Claude on Vertex AI accepts (sent in the `anthropic-beta` header). Tool search
// is named differently there; everything absent is dropped. Keep docs/api.md in step.
import type { BetaTable } from "../anthropic/betas";

export const VERTEX_BETAS: BetaTable = {
  "computer-use-2024-10-22": "computer-use-2024-10-22",
  "computer-use-2025-01-24": "computer-use-2025-01-24",
  "computer-use-2025-11-24": "computer-use-2025-11-24",
  "interleaved-thinking-2025-05-14": "interleaved-thinking-2025-05-14",
  "context-1m-2025-08-07": "context-1m-2025-08-07",
  "context-management-2025-06-27": "context-management-2025-06-27",
  "web-search-2025-03-05": "web-search-2025-03-05",
  "compact-2026-01-12": "compact-2026-01-12",
  "tool-search-tool-2025-10-19": "tool-search-tool-2025-10-19",
  "advanced-tool-use-2025-11-20": "tool-search-tool-2025-10-19",
};
