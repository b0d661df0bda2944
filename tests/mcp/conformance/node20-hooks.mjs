// Module hook for node20-loader.mjs: rewrites the conformance CLI's one Node 22 import.
export async function load(url, context, next) {
  const result = await next(url, context);
  if (!url.includes("@modelcontextprotocol/conformance/dist/index.js")) return result;
  const source = String(result.source)
    .replace(/^#!.*\n/, "")
    .replace("globSync as o,", "");
  return { ...result, source: `const o = () => { throw new Error("fs.globSync needs Node 22"); };\n${source}` };
}
