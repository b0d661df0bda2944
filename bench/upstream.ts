// The benchmark's upstream: the test kit's fake provider, twice. `instant` answers at once (20
// stream chunks); `paced` sends the role chunk at once and each of its 20 content chunks 20 ms
// apart, so a gateway that holds a chunk back shows it in time to first byte.
// Usage: node --import tsx bench/upstream.ts <instantPort> <pacedPort>   (prints "ready")
import { startFakeProvider } from "../e2e/fixtures/fake-provider";

const [instantPort, pacedPort] = process.argv.slice(2).map(Number);
const reply = "The quick brown fox jumps over the lazy dog, twenty chunks of it."; // split into 20 chunks
const instant = await startFakeProvider({ port: instantPort, chunks: 20, replyText: reply });
const paced = await startFakeProvider({ port: pacedPort, chunks: 20, chunkDelayMs: 20, replyText: reply });
// The fake records every request for tests; a benchmark sends millions, so forget them.
setInterval(() => {
  instant.requests.length = 0;
  paced.requests.length = 0;
}, 500);
console.log("ready");
const stop = () => void Promise.all([instant.close(), paced.close()]).finally(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
