// The echo model answering in OpenAI's wire format, as api.openai.com would.
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import { isRecord, type JsonObject } from "../json";
import { SSE_DONE, sseData, sseEvent } from "../sse";
import type { Endpoint, Usage } from "../types";
import * as echo from "./echo";
import { jsonResponse, mockId, sseResponse } from "./http";

function chatUsage(u: Usage): CompletionUsage {
  return {
    prompt_tokens: u.inputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.inputTokens + u.outputTokens,
    prompt_tokens_details: { cached_tokens: 0 },
  };
}

function wantsStreamUsage(body: JsonObject): boolean {
  return isRecord(body.stream_options) && body.stream_options.include_usage === true;
}

function chat(body: JsonObject, model: string, stream: boolean): Response {
  const prompt = echo.chatPrompt(body);
  const reply = echo.echoReply(prompt);
  const usage = chatUsage(echo.echoUsage(prompt, reply));
  const base = { id: mockId("chatcmpl-"), created: Math.floor(Date.now() / 1000), model };
  if (!stream) {
    const completion: ChatCompletion = {
      ...base,
      object: "chat.completion",
      choices: [{ index: 0, message: { role: "assistant", content: reply, refusal: null }, logprobs: null, finish_reason: "stop" }],
      usage,
    };
    return jsonResponse(completion);
  }
  const withUsage = wantsStreamUsage(body);
  const chunk = (delta: ChatCompletionChunk.Choice.Delta, finish: "stop" | null = null): string => {
    const c: ChatCompletionChunk = {
      ...base,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    };
    if (withUsage) c.usage = null;
    return sseData(c);
  };
  const events = [chunk({ role: "assistant", content: "" }), ...echo.splitReply(reply).map((content) => chunk({ content })), chunk({}, "stop")];
  if (withUsage) events.push(sseData({ ...base, object: "chat.completion.chunk", choices: [], usage }));
  return sseResponse([...events, SSE_DONE]);
}

function completions(body: JsonObject, model: string, stream: boolean): Response {
  const prompt = echo.completionsPrompt(body);
  const reply = echo.echoReply(prompt);
  const usage = chatUsage(echo.echoUsage(prompt, reply));
  const base = { id: mockId("cmpl-"), object: "text_completion", created: Math.floor(Date.now() / 1000), model };
  const choice = (text: string, finish: "stop" | null) => ({ text, index: 0, logprobs: null, finish_reason: finish });
  if (!stream) return jsonResponse({ ...base, choices: [choice(reply, "stop")], usage });
  const pieces = echo.splitReply(reply);
  const events = pieces.map((text, i) => sseData({ ...base, choices: [choice(text, i === pieces.length - 1 ? "stop" : null)] }));
  if (wantsStreamUsage(body)) events.push(sseData({ ...base, choices: [], usage }));
  return sseResponse([...events, SSE_DONE]);
}

function responses(body: JsonObject, model: string, stream: boolean): Response {
  const prompt = echo.responsesPrompt(body);
  const reply = echo.echoReply(prompt);
  const u = echo.echoUsage(prompt, reply);
  const id = mockId("resp_");
  const itemId = mockId("msg_");
  const base = { id, object: "response", created_at: Math.floor(Date.now() / 1000), model };
  const item = (text: string, status: string) => ({
    id: itemId,
    type: "message",
    role: "assistant",
    status,
    content: text ? [{ type: "output_text", text, annotations: [] }] : [],
  });
  const done = {
    ...base,
    status: "completed",
    output: [item(reply, "completed")],
    usage: {
      input_tokens: u.inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: u.outputTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: u.inputTokens + u.outputTokens,
    },
  };
  if (!stream) return jsonResponse(done);
  let seq = 0;
  const ev = (type: string, data: JsonObject) => sseEvent(type, { type, sequence_number: seq++, ...data });
  const at = { item_id: itemId, output_index: 0, content_index: 0 };
  return sseResponse([
    ev("response.created", { response: { ...base, status: "in_progress", output: [], usage: null } }),
    ev("response.output_item.added", { output_index: 0, item: item("", "in_progress") }),
    ...echo.splitReply(reply).map((delta) => ev("response.output_text.delta", { ...at, delta })),
    ev("response.output_text.done", { ...at, text: reply }),
    ev("response.output_item.done", { output_index: 0, item: item(reply, "completed") }),
    ev("response.completed", { response: done }),
  ]);
}

function embeddings(body: JsonObject, model: string): Response {
  const texts = echo.inputTexts(body.input);
  const base64 = body.encoding_format === "base64";
  const data = texts.map((text, index) => {
    const vector = echo.embeddingVector(text);
    return { object: "embedding", index, embedding: base64 ? echo.toBase64Floats(vector) : vector };
  });
  const chars = texts.reduce((n, t) => n + t.length, 0);
  const promptTokens = echo.echoUsage({ lastUserText: "", promptChars: chars }, "").inputTokens;
  return jsonResponse({ object: "list", data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
}

export function mockOpenAIResponse(endpoint: Endpoint, body: JsonObject, model: string): Response {
  const stream = body.stream === true;
  switch (endpoint) {
    case "chat.completions":
      return chat(body, model, stream);
    case "completions":
      return completions(body, model, stream);
    case "responses":
      return responses(body, model, stream);
    case "embeddings":
      return embeddings(body, model);
    default:
      throw new Error(`The mock OpenAI format does not serve ${endpoint}`);
  }
}
