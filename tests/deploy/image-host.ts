// What building and starting the image needs on this host: podman and debootstrap (installed
// with apt-get when asked), and a local Node base image. No registry serves base images here,
// so the base is made like node:20-bookworm-slim: a minimal Debian bookworm (debootstrap), this
// host's Node binary and npm, and a `node` user with uid 1000.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const BASE_IMAGE = "localhost/latch-node-base:20-bookworm";
export const IMAGE = "localhost/latch:test";

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });

export const podmanReady = () => has("podman");
export const baseImageReady = () => podmanReady() && spawnSync("podman", ["image", "exists", BASE_IMAGE]).status === 0;

export function installTools(): void {
  const missing = [
    ["podman", "podman"],
    ["debootstrap", "debootstrap"],
  ]
    .filter(([cmd]) => !has(cmd!))
    .map(([, pkg]) => pkg!);
  if (missing.length === 0) return;
  sh("apt-get", ["update", "-qq"]);
  sh("apt-get", ["install", "-y", "-qq", ...missing]);
}

/** The Debian mirror apt already uses on this host. */
function debianMirror(): string {
  const sources = ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f, "utf8"))
    .join("\n");
  return /(?:URIs:|deb)\s+(https?:\/\/\S+\/debian)\b/.exec(sources)?.[1] ?? "http://deb.debian.org/debian";
}

export function buildBaseImage(): void {
  if (baseImageReady()) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "latch-base-"));
  try {
    sh("debootstrap", ["--variant=minbase", "bookworm", dir, debianMirror()]);
    const node = fs.realpathSync(process.execPath);
    const npmDir = path.resolve(path.dirname(node), "../lib/node_modules/npm");
    fs.mkdirSync(path.join(dir, "usr/local/bin"), { recursive: true });
    fs.mkdirSync(path.join(dir, "usr/local/lib/node_modules"), { recursive: true });
    fs.copyFileSync(node, path.join(dir, "usr/local/bin/node"));
    fs.chmodSync(path.join(dir, "usr/local/bin/node"), 0o755);
    fs.cpSync(npmDir, path.join(dir, "usr/local/lib/node_modules/npm"), { recursive: true });
    fs.symlinkSync("../lib/node_modules/npm/bin/npm-cli.js", path.join(dir, "usr/local/bin/npm"));
    fs.symlinkSync("../lib/node_modules/npm/bin/npx-cli.js", path.join(dir, "usr/local/bin/npx"));
    sh("chroot", [dir, "useradd", "--create-home", "--uid", "1000", "--shell", "/bin/bash", "node"]);
    // Behind a TLS-inspecting proxy the host trusts an extra CA (NODE_EXTRA_CA_CERTS); the base
    // trusts it too, so npm inside the build reaches the registry as it does here.
    const changes: string[] = [];
    const extraCa = process.env.NODE_EXTRA_CA_CERTS;
    if (extraCa && fs.existsSync(extraCa)) {
      fs.mkdirSync(path.join(dir, "usr/local/share/ca-certificates"), { recursive: true });
      fs.copyFileSync(extraCa, path.join(dir, "usr/local/share/ca-certificates/extra.crt"));
      changes.push("--change", "ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/extra.crt");
    }
    execFileSync("sh", ["-c", `tar -C '${dir}' -c . | podman import ${changes.map((c) => `'${c}'`).join(" ")} - ${BASE_IMAGE}`], {
      stdio: ["ignore", "ignore", "inherit"],
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function buildImage(root: string): void {
  // Docker format: the OCI format has no HEALTHCHECK.
  sh("podman", [
    "build",
    "--isolation",
    "chroot",
    "--format",
    "docker",
    "--build-arg",
    `NODE_IMAGE=${BASE_IMAGE}`,
    "-f",
    path.join(root, "Containerfile"),
    "-t",
    IMAGE,
    root,
  ]);
}

/** The image's filesystem, mounted from a created (never started) container; `podman run` cannot run here. */
export function mountImage(): { root: string; remove(): void } {
  const id = execFileSync("podman", ["create", IMAGE]).toString().trim();
  const root = execFileSync("podman", ["mount", id]).toString().trim();
  return {
    root,
    remove: () => {
      spawnSync("podman", ["umount", id]);
      spawnSync("podman", ["rm", "-f", id]);
    },
  };
}

/** Image config (user, healthcheck, entry) as podman reports it. */
export function inspectImage(): { User: string; Healthcheck?: { Test: string[] }; Cmd: string[]; Env: string[] } {
  const [image] = JSON.parse(execFileSync("podman", ["image", "inspect", IMAGE]).toString()) as {
    Config: { User: string; Cmd: string[]; Env: string[] };
    Healthcheck?: { Test: string[] };
  }[];
  return { ...image!.Config, Healthcheck: image!.Healthcheck };
}
