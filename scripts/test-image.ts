// npm run test:image: prepares this host to build the container image (podman and debootstrap
// from apt-get, a local Node base image) and runs tests/deploy/image.test.ts, which builds the
// image and starts Latch from its filesystem. Several minutes of CPU on a small machine.
import { spawnSync } from "node:child_process";
import { buildBaseImage, installTools } from "@/tests/deploy/image-host";

const time = (label: string, step: () => void) => {
  const started = Date.now();
  step();
  console.log(`[test:image] ${label}: ${Math.round((Date.now() - started) / 1000)} s`);
};
time("podman and debootstrap", installTools);
time("base image", buildBaseImage);
const run = spawnSync("npx", ["vitest", "run", "tests/deploy/image.test.ts"], { stdio: "inherit", env: { ...process.env, LATCH_TEST_IMAGE: "1" } });
process.exit(run.status ?? 1);
