// Images and PDFs from OpenAI content parts (data URLs or http URLs) as Anthropic blocks.
import type { DocumentBlockParam, ImageBlockParam } from "@anthropic-ai/sdk/resources/messages";
import { ProviderRequestError } from "../errors";

const IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"] as const;
type ImageType = (typeof IMAGE_TYPES)[number];
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/** A data URL becomes a base64 source, anything else a URL source Anthropic fetches itself. */
export function imageBlock(url: string, param: string): ImageBlockParam {
  const m = DATA_URL.exec(url);
  if (!m) return { type: "image", source: { type: "url", url } };
  const mediaType = m[1] ?? "";
  if (!IMAGE_TYPES.includes(mediaType as ImageType)) {
    throw new ProviderRequestError(`Unsupported image type ${mediaType}`, param);
  }
  return { type: "image", source: { type: "base64", media_type: mediaType as ImageType, data: m[2] ?? "" } };
}

/** A base64 PDF data URL as a document block; null for anything else (the caller reports it). */
export function pdfBlock(fileData: string | null): DocumentBlockParam | null {
  const m = fileData ? DATA_URL.exec(fileData) : null;
  if (!m || m[1] !== "application/pdf") return null;
  return { type: "document", source: { type: "base64", media_type: "application/pdf", data: m[2] ?? "" } };
}
