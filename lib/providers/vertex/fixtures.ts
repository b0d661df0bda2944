// Recorded Vertex AI traffic: Gemini through the OpenAI-compatible endpoint, and errors in
// Google's shape. Claude on Vertex answers exactly as Anthropic does (see ../anthropic/fixtures).

export const GEMINI_CHAT_RESPONSE = {
  choices: [{ finish_reason: "stop", index: 0, logprobs: null, message: { content: "Hello! How can I help?", role: "assistant" } }],
  created: 1761234567,
  id: "x3T4aOu1Ce2Y1MkPqLWR8Qs",
  model: "google/gemini-2.5-flash",
  object: "chat.completion",
  system_fingerprint: "",
  usage: { completion_tokens: 7, extra_properties: { google: { traffic_type: "ON_DEMAND" } }, prompt_tokens: 5, total_tokens: 31 },
};

export const GEMINI_STREAM =
  `data: {"choices":[{"delta":{"content":"Hello!","role":"assistant"},"index":0}],"created":1761234567,"id":"a1","model":"google/gemini-2.5-flash","object":"chat.completion.chunk","system_fingerprint":""}\n\n` +
  `data: {"choices":[{"delta":{"content":" How can I help?","role":"assistant"},"finish_reason":"stop","index":0}],"created":1761234567,"id":"a1","model":"google/gemini-2.5-flash","object":"chat.completion.chunk","system_fingerprint":""}\n\n` +
  `data: {"choices":[],"created":1761234567,"id":"a1","model":"google/gemini-2.5-flash","object":"chat.completion.chunk","usage":{"completion_tokens":7,"prompt_tokens":5,"total_tokens":31}}\n\n` +
  `data: [DONE]\n\n`;

export const GOOGLE_ERROR = `[{"error":{"code":404,"message":"Publisher Model \`projects/p/locations/us-central1/publishers/google/models/gemini-9\` not found.","status":"NOT_FOUND"}}]`;

export const ANTHROPIC_ON_VERTEX_ERROR = `{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`;
