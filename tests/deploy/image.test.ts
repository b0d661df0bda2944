// The container image builds (podman, chroot isolation), is configured as documented (non-root,
// HEALTHCHECK, explicit migrations), and its own filesystem runs Latch: migrations as a one-shot
// command, then the server in both roles answering GET /api/health. A full build costs minutes
// of CPU (16 min on a 2-core machine), so it runs only with LATCH_TEST_IMAGE=1, which
// `npm run test:image` sets after preparing the host; `npm test` skips it with a message.
import { spawn, spawnSync, execFileSync, type ChildProcessByStdio } from "node:child_process";
import type { Readable } from "node:stream";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@/e2e/fixtures/free-port";
import { adminUrl, NAMESPACE } from "@/tests/helpers/databases";
import { baseImageReady, buildImage, inspectImage, mountImage } from "@/tests/deploy/image-host";

const root = path.resolve(import.meta.dirname, "../..");
const wanted = process.env.LATCH_TEST_IMAGE;
const enabled = wanted === "1" && baseImageReady();
if (!enabled)
  console.info(
    "tests/deploy/image.test.ts skipped: building the image takes podman, a local base image and many minutes of CPU. Run `npm run test:image`, which prepares both and runs it.",
  );

const DATABASE = `${NAMESPACE}_image`;
let mounted: ReturnType<typeof mountImage> | null = null;
const binds: string[] = [];

/** Runs a command inside the image's filesystem as its user, with the image's environment. */
function inImage(command: string, env: Record<string, string>): ChildProcessByStdio<null, Readable, Readable> {
  const config = inspectImage();
  const imageEnv = Object.fromEntries(config.Env.map((e) => [e.slice(0, e.indexOf("=")), e.slice(e.indexOf("=") + 1)]));
  return spawn("chroot", ["--userspec=1000:1000", mounted!.root, "sh", "-c", `cd /app && exec ${command}`], {
    // The image's own ENV (NODE_ENV, PORT, LATCH_ROLE …), as a container runtime would set it.
    env: { ...imageEnv, HOME: "/home/node", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

describe.skipIf(!enabled)("container image", () => {
  beforeAll(async () => {
    const started = Date.now();
    buildImage(root);
    console.info(`image built in ${Math.round((Date.now() - started) / 1000)} s`);
    mounted = mountImage();
    // The server needs /proc and /dev like any process; the image's own dirs are empty mount points.
    for (const [fs, target, args] of [
      ["proc", "proc", ["-t", "proc", "proc"]],
      ["dev", "dev", ["--bind", "/dev"]],
    ] as const) {
      execFileSync("mount", [...args, path.join(mounted.root, target)]);
      binds.push(path.join(mounted.root, target));
      void fs;
    }
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}"`);
    await admin.query(`CREATE DATABASE "${DATABASE}"`);
    await admin.end();
  }, 30 * 60_000);

  afterAll(async () => {
    for (const target of binds.reverse()) spawnSync("umount", [target]);
    mounted?.remove();
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    await admin.end();
  });

  const runtime = () => ({
    DATABASE_URL: adminUrl(DATABASE),
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_KEY_PREFIX: process.env.REDIS_KEY_PREFIX ?? "latch:image:",
    LATCH_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    AUTH_SECRET: "image-test-secret-image-test-secret-0123",
    LOG_LEVEL: "warn",
  });

  it("runs as a non-root user, with a HEALTHCHECK, and serves by default", () => {
    const config = inspectImage();
    expect(config.User).toBe("node");
    expect(config.Healthcheck?.Test.join(" ")).toContain("/api/health");
    expect(config.Cmd).toEqual(["node", "dist/server/server.mjs"]);
  });

  it("applies migrations as a one-shot command", async () => {
    const child = inImage("node --import tsx scripts/migrate.ts deploy", runtime());
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code, out).toBe(0);
    expect(out).toMatch(/Applied: /);
  }, 120_000);

  for (const role of ["all", "gateway"] as const)
    it(`answers GET /api/health from inside the image (LATCH_ROLE=${role})`, async () => {
      const port = await freePort();
      const started = Date.now();
      const child = inImage("node dist/server/server.mjs", {
        ...runtime(),
        LATCH_ROLE: role,
        PORT: String(port),
        HOST: "127.0.0.1",
        APP_URL: `http://localhost:${port}`,
      });
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d));
      child.stderr.on("data", (d: Buffer) => (out += d));
      try {
        let health: Response | null = null;
        for (let i = 0; i < 240 && !health && child.exitCode === null; i++) {
          health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
          if (!health) await new Promise((r) => setTimeout(r, 250));
        }
        expect(health, out).not.toBeNull();
        const body = (await health!.json()) as { status: string; database: { status: string }; redis: { status: string } };
        console.info(`LATCH_ROLE=${role}: /api/health ${health!.status} after ${Date.now() - started} ms from start`);
        expect(health!.status, JSON.stringify(body)).toBe(200);
        expect(body).toMatchObject({ status: "ok", database: { status: "ok" }, redis: { status: "ok" } });
      } finally {
        child.kill("SIGTERM");
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      }
    }, 120_000);
});
