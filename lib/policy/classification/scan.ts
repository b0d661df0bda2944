// Runs detectors over a request's text slots. Allocates nothing until the first hit: the common
// case (no sensitive data) is one hint check or one regex pass per detector per slot.
import type { Detector } from "@/lib/policy/classification/detectors";

/** A confirmed match: [start, end) in its slot's text, and the index of its detector. */
export type Hit = { start: number; end: number; detector: number };

export type ScanResult = {
  /** Finding class → count. Never the matched text. */
  counts: Record<string, number>;
  total: number;
  /** Per slot, its hits sorted by start and non-overlapping; null for slots without any. */
  hits: (Hit[] | null)[];
};

const overlaps = (hits: readonly Hit[], start: number, end: number) => hits.some((h) => start < h.end && h.start < end);

function scanText(text: string, detectors: readonly Detector[]): Hit[] | null {
  let hits: Hit[] | null = null;
  for (let d = 0; d < detectors.length; d++) {
    const { pattern, hint, confirm } = detectors[d]!;
    if (hint !== undefined && !text.includes(hint)) continue;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++; // a zero-width match would never advance
        continue;
      }
      const start = m.index - (m.groups?.before?.length ?? 0);
      // Earlier detectors have priority on overlapping text (see BUILT_IN_DETECTORS' order);
      // checked first because confirming (a library call) is the expensive part.
      if (hits && overlaps(hits, start, m.index + m[0].length)) continue;
      const candidate = start === m.index ? m[0] : text.slice(start, m.index + m[0].length);
      const verdict = confirm ? confirm(candidate) : true;
      if (verdict === false || verdict === 0) continue;
      (hits ??= []).push({ start, end: start + (verdict === true ? candidate.length : verdict), detector: d });
    }
  }
  return hits && hits.sort((a, b) => a.start - b.start);
}

export function scan(texts: readonly string[], detectors: readonly Detector[]): ScanResult {
  const result: ScanResult = { counts: {}, total: 0, hits: [] };
  for (const text of texts) {
    const hits = scanText(text, detectors);
    result.hits.push(hits);
    if (!hits) continue;
    for (const hit of hits) {
      const id = detectors[hit.detector]!.id;
      result.counts[id] = (result.counts[id] ?? 0) + 1;
      result.total++;
    }
  }
  return result;
}
