// Reads a request body as text, refusing it as soon as it passes a size limit: neither a
// declared Content-Length nor a chunked body over the limit is ever held in memory whole.
import type { ProxyRequest } from "@/lib/gateway/proxy-request";
export async function readLimitedText(request: Pick<ProxyRequest, "headers" | "body">, maxBytes: number, tooLarge: () => Error): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
