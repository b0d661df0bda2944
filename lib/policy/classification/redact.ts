// Replaces findings with typed placeholders ("[REDACTED_EMAIL]") and writes the new texts back
// into a copy of the body. Like withOutputCeiling, the client's parsed body is never mutated:
// only the containers on the path to a changed text are copied, the rest is shared.
import type { Detector } from "@/lib/policy/classification/detectors";
import type { Hit } from "@/lib/policy/classification/scan";
import type { TextSlot } from "@/lib/policy/classification/text-parts";

export const placeholder = (id: string) => `[REDACTED_${id.toUpperCase()}]`;

/** `text` with each hit (sorted, non-overlapping) replaced by its detector's placeholder. */
export function redactText(text: string, hits: readonly Hit[], detectors: readonly Detector[]): string {
  let out = "";
  let from = 0;
  for (const hit of hits) {
    out += text.slice(from, hit.start) + placeholder(detectors[hit.detector]!.id);
    from = hit.end;
  }
  return out + text.slice(from);
}

type Container = Record<string | number, unknown>;

/** A copy of `body` with each slot's text replaced, copying only the containers on changed paths. */
export function withTexts(body: Record<string, unknown>, edits: readonly TextSlot[]): Record<string, unknown> {
  const root: Container = { ...body };
  const copies = new Set<unknown>([root]);
  for (const { path, text } of edits) {
    let node = root;
    for (let i = 0; i < path.length - 1; i++) {
      const key = path[i]!;
      let child = node[key] as Container;
      if (!copies.has(child)) {
        child = (Array.isArray(child) ? [...child] : { ...child }) as Container;
        copies.add(child);
        node[key] = child;
      }
      node = child;
    }
    node[path[path.length - 1]!] = text;
  }
  return root;
}

export function redact(
  body: Record<string, unknown>,
  slots: readonly TextSlot[],
  hits: readonly (Hit[] | null)[],
  detectors: readonly Detector[],
): Record<string, unknown> {
  const edits: TextSlot[] = [];
  slots.forEach((slot, i) => {
    const slotHits = hits[i];
    if (slotHits) edits.push({ path: slot.path, text: redactText(slot.text, slotHits, detectors) });
  });
  return withTexts(body, edits);
}
