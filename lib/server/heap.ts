// How far V8 lets the old generation grow before its next major GC. Its own factor goes up to 4×
// what the last GC kept: at 64 requests in flight, requests that survive two scavenges are promoted
// and the gateway's old space reached 136 MB with ~42 MB live (peak RSS 330–360 MB). A fixed 1.75×
// held the peak at 267–282 MB for the same CPU per request (docs/performance.md, round five).
import v8 from "node:v8";

const FLAG = "--heap-growing-percent";

/** Applies LATCH_HEAP_GROWING_PERCENT unless it is 0 or node was started with the flag itself. */
export function tuneHeapGrowth(percent: number): boolean {
  if (percent <= 0 || process.execArgv.some((arg) => arg.startsWith(FLAG))) return false;
  v8.setFlagsFromString(`${FLAG}=${percent}`);
  return true;
}
