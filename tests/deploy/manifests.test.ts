// The Kubernetes manifests (kustomize base and overlays, built here the way kustomize applies
// JSON patches) validate against the Kubernetes schemas, and wire what operations rely on:
// roles, probes, referenced secrets, the migration Job, autoscaling and disruption budgets. The
// compose file is checked for the single-host shape: Postgres, Redis, a one-shot migration, the app.
import fs from "node:fs";
import path from "node:path";
import { parseAllDocuments, parse } from "yaml";
import { describe, expect, it } from "vitest";
import { Deployment } from "kubernetes-models/apps/v1";
import { Job } from "kubernetes-models/batch/v1";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2";
import { PodDisruptionBudget } from "kubernetes-models/policy/v1";
import { ConfigMap, Secret, Service } from "kubernetes-models/v1";
import { applyJsonPatch, type JsonPatchOp } from "@/tests/deploy/json-patch";

const root = path.resolve(import.meta.dirname, "../../deploy");
type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
};
type Kustomization = { resources: string[]; namespace?: string; patches?: { target: { kind: string; name: string }; patch: string }[] };

const MODELS: Record<string, new (data: never) => { validate(): void }> = {
  Deployment,
  Job,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
  ConfigMap,
  Secret,
  Service,
};

/** What `kustomize build <dir>` yields for our subset: resources, namespace, JSON 6902 patches. */
function build(dir: string): Manifest[] {
  const k = parse(fs.readFileSync(path.join(dir, "kustomization.yaml"), "utf8")) as Kustomization;
  let out: Manifest[] = [];
  for (const resource of k.resources) {
    const target = path.join(dir, resource);
    if (fs.statSync(target).isDirectory()) out.push(...build(target));
    else out.push(...parseAllDocuments(fs.readFileSync(target, "utf8")).map((d) => d.toJS() as Manifest));
  }
  for (const { target, patch } of k.patches ?? []) {
    const i = out.findIndex((m) => m.kind === target.kind && m.metadata.name === target.name);
    expect(i, `${dir}: patch target ${target.kind}/${target.name}`).toBeGreaterThanOrEqual(0);
    out[i] = applyJsonPatch(out[i]!, parse(patch) as JsonPatchOp[]);
  }
  if (k.namespace) out = out.map((m) => ({ ...m, metadata: { ...m.metadata, namespace: k.namespace } }));
  return out;
}

function validate(manifest: Manifest) {
  const Model = MODELS[manifest.kind];
  expect(Model, `a schema for ${manifest.kind}`).toBeDefined();
  new Model!(manifest as never).validate();
}

const find = (ms: Manifest[], kind: string, name: string) => ms.find((m) => m.kind === kind && m.metadata.name === name)!;
type Pod = {
  containers: {
    name: string;
    image: string;
    command?: string[];
    env?: { name: string; value: string }[];
    envFrom?: { secretRef?: { name: string }; configMapRef?: { name: string } }[];
    readinessProbe?: { httpGet?: { path: string } };
    startupProbe?: { httpGet?: { path: string } };
    resources?: { requests?: { memory?: string } };
  }[];
  securityContext?: { runAsNonRoot?: boolean };
};
const pod = (m: Manifest) => (m.spec as { template: { spec: Pod } }).template.spec;

const targets = ["kubernetes/base", "kubernetes/overlays/production", "kubernetes/overlays/small"];

describe("Kubernetes manifests", () => {
  for (const target of targets)
    it(`${target} validates against the Kubernetes schemas and wires roles, probes, secrets and migrations`, () => {
      const ms = build(path.join(root, target));
      for (const m of ms) validate(m);
      expect(ms.filter((m) => m.kind === "Secret")).toEqual([]); // referenced, never inlined

      const roles = Object.fromEntries(["latch-portal", "latch-gateway"].map((name) => [name, pod(find(ms, "Deployment", name)).containers[0]!]));
      expect(roles["latch-portal"]!.env).toContainEqual({ name: "LATCH_ROLE", value: "all" });
      expect(roles["latch-gateway"]!.env).toContainEqual({ name: "LATCH_ROLE", value: "gateway" });
      for (const name of ["latch-portal", "latch-gateway"]) {
        const c = roles[name]!;
        expect(c.readinessProbe?.httpGet?.path).toBe("/api/health");
        expect(c.startupProbe?.httpGet?.path).toBe("/api/health");
        expect(c.envFrom).toEqual([{ configMapRef: { name: "latch-config" } }, { secretRef: { name: "latch" } }]);
        expect(c.resources?.requests?.memory).toBeDefined();
        expect(pod(find(ms, "Deployment", name)).securityContext?.runAsNonRoot).toBe(true);
        // Autoscaled and protected from drains, each against its own Deployment.
        const hpa = find(ms, "HorizontalPodAutoscaler", name).spec as { scaleTargetRef: { name: string }; minReplicas: number };
        expect(hpa.scaleTargetRef.name).toBe(name);
        const pdb = find(ms, "PodDisruptionBudget", name).spec as { selector: { matchLabels: Record<string, string> } };
        expect((find(ms, "Deployment", name).spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels).toMatchObject(
          pdb.selector.matchLabels,
        );
      }
      const migrate = pod(find(ms, "Job", "latch-migrate")).containers[0]!;
      expect(migrate.command).toEqual(["node", "--import", "tsx", "scripts/migrate.ts", "deploy"]);
      expect(migrate.envFrom).toContainEqual({ secretRef: { name: "latch" } });
      const services = ms
        .filter((m) => m.kind === "Service")
        .map((m) => (m.spec as { selector: Record<string, string> }).selector["app.kubernetes.io/component"]);
      expect(services.sort()).toEqual(["gateway", "portal"]);
    });

  it("the schemas refuse a malformed manifest (the check above can fail)", () => {
    const ms = build(path.join(root, "kubernetes/base"));
    const broken = applyJsonPatch(find(ms, "Deployment", "latch-gateway"), [{ op: "replace", path: "/spec/replicas", value: "three" }]);
    expect(() => validate(broken)).toThrow(/replicas must be integer/);
  });

  it("the example Secret is in no kustomization and names what the manifests read", () => {
    const example = parse(fs.readFileSync(path.join(root, "kubernetes/secret.example.yaml"), "utf8")) as Manifest & { stringData: Record<string, string> };
    validate(example);
    expect(Object.keys(example.stringData)).toEqual(expect.arrayContaining(["DATABASE_URL", "LATCH_ENCRYPTION_KEY", "AUTH_SECRET"]));
    for (const target of targets) expect(fs.readFileSync(path.join(root, target, "kustomization.yaml"), "utf8")).not.toContain("secret.example");
  });
});

describe("docker-compose.yml", () => {
  type Service = {
    image?: string;
    build?: { dockerfile: string };
    command?: string[];
    env_file?: string;
    restart?: string;
    depends_on?: Record<string, { condition: string }>;
    healthcheck?: { test: string[] };
  };
  const compose = parse(fs.readFileSync(path.join(root, "compose/docker-compose.yml"), "utf8")) as {
    services: Record<string, Service>;
    volumes: Record<string, unknown>;
  };

  it("runs Postgres and Redis with health checks, migrates once, then starts the app", () => {
    const { postgres, redis, migrate, latch } = compose.services;
    expect(postgres?.healthcheck?.test).toContain("pg_isready");
    expect(redis?.healthcheck?.test).toContain("redis-cli");
    expect(migrate?.build?.dockerfile).toBe("Containerfile");
    expect(migrate?.command).toEqual(["node", "--import", "tsx", "scripts/migrate.ts", "deploy"]);
    expect(migrate?.restart).toBe("no");
    expect(migrate?.depends_on?.postgres?.condition).toBe("service_healthy");
    expect(latch?.image).toBe(migrate?.image);
    expect(latch?.depends_on).toEqual({ migrate: { condition: "service_completed_successfully" }, redis: { condition: "service_healthy" } });
    expect(Object.keys(compose.volumes)).toEqual(["postgres-data", "redis-data"]);
  });

  it("keeps secrets out of the file: an env file the repo ignores", () => {
    expect(compose.services.latch?.env_file).toBe("latch.env");
    expect(fs.readFileSync(path.resolve(root, "../.gitignore"), "utf8")).toContain("/deploy/compose/latch.env");
    expect(JSON.stringify(compose)).not.toMatch(/AUTH_SECRET|LATCH_ENCRYPTION_KEY/);
  });
});
