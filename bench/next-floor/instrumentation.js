// Keeps `next build` from picking up the repository root's instrumentation (Latch's start-up):
// the floor app has no start-up work at all.
export function register() {}
