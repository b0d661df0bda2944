// Forwards the body to the upstream and streams its answer back: the least a Next route
// handler can do as a gateway. Upstream URLs are read per request (set by the benchmark);
// `x-bench-upstream: paced` picks the paced upstream.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request) {
  const base = request.headers.get("x-bench-upstream") === "paced" ? process.env.PACED_UPSTREAM_URL : process.env.UPSTREAM_URL;
  const upstream = await fetch(`${base}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-bench-upstream" },
    body: await request.text(),
    signal: request.signal,
  });
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
  });
}
