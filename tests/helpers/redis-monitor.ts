// MONITOR on a connection of its own, its errors handled from the start: ioredis can take the first
// monitor lines for replies before it marks the connection as monitoring ("Command queue state
// error", emitted on that connection, which `redis.monitor()` gives no listener in time). Those
// lines precede whatever a test watches once this resolves.
import { Redis } from "ioredis";

export async function startMonitor(url: string): Promise<Redis> {
  const feed = new Redis(url, { monitor: true });
  feed.on("error", () => {});
  await new Promise<void>((resolve) => feed.once("monitoring", () => resolve()));
  return feed;
}
