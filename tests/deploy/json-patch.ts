// The JSON Patch operations (RFC 6902) our kustomize overlays use: add, replace, remove.
export type JsonPatchOp = { op: "add" | "replace" | "remove"; path: string; value?: unknown };

export function applyJsonPatch<T>(document: T, ops: JsonPatchOp[]): T {
  const copy = structuredClone(document) as unknown as Record<string, unknown>;
  for (const { op, path, value } of ops) {
    const parts = path
      .split("/")
      .slice(1)
      .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = parts.pop()!;
    let parent: Record<string, unknown> | unknown[] = copy;
    for (const part of parts) {
      const next: unknown = (parent as Record<string, unknown>)[part];
      if (typeof next !== "object" || next === null) throw new Error(`${path}: no ${part}`);
      parent = next as Record<string, unknown>;
    }
    const container = parent as Record<string, unknown>;
    if (op !== "add" && !(last in container)) throw new Error(`${op} ${path}: nothing there`);
    if (op === "remove") {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete container[last];
    } else if (Array.isArray(parent) && op === "add") parent.splice(last === "-" ? parent.length : Number(last), 0, value);
    else container[last] = value;
  }
  return copy as unknown as T;
}
