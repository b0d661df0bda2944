// SigV4 for Bedrock runtime requests, with AWS's own signer (hand-rolled canonicalisation is where
// signature bugs live). Shared with the test fake, which re-signs what it receives to verify it.
import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import type { UpstreamRequest } from "../types";
import type { AwsKeys } from "./credentials";

export const BEDROCK_SIGNING_SERVICE = "bedrock";

export function createSigner(keys: AwsKeys, region: string, service = BEDROCK_SIGNING_SERVICE): SignatureV4 {
  return new SignatureV4({ credentials: keys, region, service, sha256: Hash.bind(null, "sha256"), uriEscapePath: true });
}

export type SignableRequest = {
  method: string;
  url: URL;
  /** Exactly the path as sent on the wire (already percent-encoded), without the query. */
  path: string;
  headers: Record<string, string>;
  body?: string;
};

/** Signed headers for a request (adds authorization, x-amz-date, x-amz-content-sha256, x-amz-security-token). */
export async function signHeaders(signer: SignatureV4, req: SignableRequest, signingDate?: Date): Promise<Record<string, string>> {
  const query: Record<string, string> = {};
  for (const [k, v] of req.url.searchParams) query[k] = v;
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: req.url.protocol,
      hostname: req.url.hostname,
      ...(req.url.port ? { port: Number(req.url.port) } : {}),
      path: req.path,
      query,
      // `host` must be signed; it is the URL's host (with a non-default port), which is what
      // the HTTP client sends too.
      headers: { ...req.headers, host: req.url.host },
      ...(req.body !== undefined ? { body: req.body } : {}),
    },
    signingDate ? { signingDate } : {},
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** Signs a built upstream request; `host` is left for the HTTP client to set (it sends the same value). */
export async function signUpstreamRequest(request: UpstreamRequest, keys: AwsKeys, region: string): Promise<UpstreamRequest> {
  const url = new URL(request.url);
  // Taken from the raw string: WHATWG URL keeps percent-escapes as given, but be exact anyway.
  const path = request.url.slice(url.origin.length).split("?")[0] || "/";
  const { host: _host, ...headers } = await signHeaders(createSigner(keys, region), {
    method: request.method,
    url,
    path,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return { ...request, headers };
}
