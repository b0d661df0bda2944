// Recorded OpenAI wire traffic (ids and fingerprints as returned by the API), used by tests.

export const CHAT_COMPLETION = {
  id: "chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG",
  object: "chat.completion",
  created: 1741570283,
  model: "gpt-4o-2024-08-06",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: "Hello! How can I help you today?", refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 1117,
    completion_tokens: 9,
    total_tokens: 1126,
    prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
  service_tier: "default",
  system_fingerprint: "fp_fc9f1d7035",
};

const HEAD = `"id":"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT","object":"chat.completion.chunk","created":1741569952,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_f9f4fb6dbf"`;

/** Stream with `stream_options.include_usage`: `"usage":null` everywhere, then a usage-only chunk. */
export const CHAT_STREAM_WITH_USAGE = [
  `data: {${HEAD},"choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}\n\n`,
  `data: {${HEAD},"choices":[{"index":0,"delta":{"content":"Caf\\u00e9 \\"ol\\u00e9\\""},"logprobs":null,"finish_reason":null}],"usage":null}\n\n`,
  `data: {${HEAD},"choices":[{"index":0,"delta":{"content":"!\\n"},"logprobs":null,"finish_reason":null}],"usage":null}\n\n`,
  `data: {${HEAD},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}\n\n`,
  `data: {${HEAD},"choices":[],"usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}\n\n`,
  `data: [DONE]\n\n`,
].join("");

/** Decoded text of the content deltas above: `Café "olé"` + `!\n`. */
export const CHAT_STREAM_TEXT = 'Café "olé"!\n';

/** Tool-call stream without usage (arguments arrive in fragments). */
export const CHAT_TOOL_STREAM = [
  `data: {${HEAD},"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_DdmO9pD3xa9XTPNJ32zg2hcA","type":"function","function":{"name":"get_weather","arguments":""}}],"refusal":null},"logprobs":null,"finish_reason":null}]}\n\n`,
  `data: {${HEAD},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"location\\":"}}]},"logprobs":null,"finish_reason":null}]}\n\n`,
  `data: {${HEAD},"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]},"logprobs":null,"finish_reason":null}]}\n\n`,
  `data: {${HEAD},"choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"tool_calls"}]}\n\n`,
  `data: [DONE]\n\n`,
].join("");

/** Gemini's OpenAI-compatible stream reports usage on the final chunk, which also has choices. */
export const GEMINI_STREAM_FINAL_USAGE = [
  `data: {"choices":[{"delta":{"content":"Hello","role":"assistant"},"index":0}],"created":1741570500,"id":"xJzNZ4XKNa2Vz7IPiaGm-AQ","model":"gemini-2.0-flash","object":"chat.completion.chunk"}\n\n`,
  `data: {"choices":[{"delta":{"content":" there","role":"assistant"},"finish_reason":"stop","index":0}],"created":1741570500,"id":"xJzNZ4XKNa2Vz7IPiaGm-AQ","model":"gemini-2.0-flash","object":"chat.completion.chunk","usage":{"completion_tokens":2,"prompt_tokens":4,"total_tokens":6}}\n\n`,
  `data: [DONE]\n\n`,
].join("");

export const RESPONSES_STREAM = [
  `event: response.created\ndata: {"type":"response.created","sequence_number":0,"response":{"id":"resp_67c9fdcecf488190bdd9a0409de3a1ec","object":"response","created_at":1741290958,"status":"in_progress","model":"gpt-4.1-2025-04-14","output":[],"usage":null}}\n\n`,
  `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_67c9fdcf37fc8190ba82116e33fb28c5","output_index":0,"content_index":0,"delta":"Hi"}\n\n`,
  `event: response.output_text.delta\ndata: {"type":"response.output_text.delta","sequence_number":2,"item_id":"msg_67c9fdcf37fc8190ba82116e33fb28c5","output_index":0,"content_index":0,"delta":" there!"}\n\n`,
  `event: response.output_text.done\ndata: {"type":"response.output_text.done","sequence_number":3,"item_id":"msg_67c9fdcf37fc8190ba82116e33fb28c5","output_index":0,"content_index":0,"text":"Hi there!"}\n\n`,
  `event: response.completed\ndata: {"type":"response.completed","sequence_number":4,"response":{"id":"resp_67c9fdcecf488190bdd9a0409de3a1ec","object":"response","created_at":1741290958,"status":"completed","model":"gpt-4.1-2025-04-14","output":[{"id":"msg_67c9fdcf37fc8190ba82116e33fb28c5","type":"message","status":"completed","role":"assistant","content":[{"type":"output_text","text":"Hi there!","annotations":[]}]}],"usage":{"input_tokens":37,"input_tokens_details":{"cached_tokens":5},"output_tokens":11,"output_tokens_details":{"reasoning_tokens":0},"total_tokens":48}}}\n\n`,
].join("");

export const RESPONSES_JSON = {
  id: "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b",
  object: "response",
  created_at: 1741476542,
  status: "completed",
  model: "gpt-4.1-2025-04-14",
  output: [
    {
      type: "message",
      id: "msg_67ccd2bf17f0819081ff3bb2cf6508e60bb6a6b452d3795b",
      status: "completed",
      role: "assistant",
      content: [{ type: "output_text", text: "In a peaceful grove...", annotations: [] }],
    },
  ],
  usage: {
    input_tokens: 36,
    input_tokens_details: { cached_tokens: 12 },
    output_tokens: 87,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: 123,
  },
};

export const EMBEDDINGS_JSON = {
  object: "list",
  data: [{ object: "embedding", index: 0, embedding: [0.0023064255, -0.009327292, -0.0028842222] }],
  model: "text-embedding-3-small",
  usage: { prompt_tokens: 8, total_tokens: 8 },
};

export const OPENAI_ERROR_401 = JSON.stringify({
  error: {
    message:
      "Incorrect API key provided: sk-proj-********************************************abcd. You can find your API key at https://platform.openai.com/account/api-keys.",
    type: "invalid_request_error",
    param: null,
    code: "invalid_api_key",
  },
});

export const OPENAI_ERROR_400 = JSON.stringify({
  error: {
    message: "Invalid value for 'temperature': expected a number <= 2.",
    type: "invalid_request_error",
    param: "temperature",
    code: "invalid_value",
  },
});

export const GEMINI_ERROR_400 = JSON.stringify([
  { error: { code: 400, message: "API key not valid. Please pass a valid API key.", status: "INVALID_ARGUMENT" } },
]);

/** A reasoning model on the flex tier, usage as in the Chat Completions reference. */
export const CHAT_REASONING_FLEX = {
  id: "chatcmpl-Cx1",
  object: "chat.completion",
  created: 1764700000,
  model: "o4-mini-2025-04-16",
  service_tier: "flex",
  choices: [{ index: 0, message: { role: "assistant", content: "42", refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" }],
  usage: {
    prompt_tokens: 2006,
    completion_tokens: 300,
    total_tokens: 2306,
    prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 192, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
};

/** gpt-4o-audio-preview: audio tokens inside prompt and completion. */
export const CHAT_AUDIO = {
  id: "chatcmpl-Cx2",
  object: "chat.completion",
  created: 1764700000,
  model: "gpt-4o-audio-preview-2025-06-03",
  service_tier: "default",
  choices: [
    {
      index: 0,
      message: { role: "assistant", content: null, refusal: null, audio: { id: "audio_1", data: "", expires_at: 1764703600, transcript: "Hi" } },
      logprobs: null,
      finish_reason: "stop",
    },
  ],
  usage: {
    prompt_tokens: 82,
    completion_tokens: 151,
    total_tokens: 233,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 40 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 120, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  },
};

/** Responses API with two web searches on the priority tier. */
export const RESPONSES_WEB_SEARCH = {
  id: "resp_1",
  object: "response",
  created_at: 1764700000,
  status: "completed",
  model: "gpt-5.1-2025-11-13",
  service_tier: "priority",
  output: [
    { id: "rs_1", type: "reasoning", summary: [] },
    { id: "ws_1", type: "web_search_call", status: "completed", action: { type: "search", query: "latch gateway" } },
    { id: "ws_2", type: "web_search_call", status: "completed", action: { type: "search", query: "latch pricing" } },
    { id: "msg_1", type: "message", status: "completed", role: "assistant", content: [{ type: "output_text", text: "…", annotations: [] }] },
  ],
  usage: {
    input_tokens: 9000,
    input_tokens_details: { cached_tokens: 4096 },
    output_tokens: 1500,
    output_tokens_details: { reasoning_tokens: 1024 },
    total_tokens: 10500,
  },
};
