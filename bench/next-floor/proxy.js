// Keeps `next build` from picking up the repository root's proxy.ts (Latch's portal gate): the
// floor app's requests run no proxy at all (the matcher never matches).
export function proxy() {}
export const config = { matcher: ["/__never"] };
