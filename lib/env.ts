// The only reader of process.env. Parsed once at import, so a bad setting stops the process
// at start with a message naming the setting, not at the first request.
import os from "node:os";
import { z } from "zod";

const DEV_ENCRYPTION_KEY = "bGF0Y2gtZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzI="; // base64 of 32 bytes, dev only
const DEV_AUTH_SECRET = "latch-dev-only-auth-secret-do-not-use-in-production";

const bool = z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1");
const optionalUrl = z.url().optional();
const csv = z
  .string()
  .default("")
  .transform((v) =>
    v
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
/**
 * Exactly 32 bytes written as canonical base64 (padded, as `openssl rand -base64 32` prints it)
 * or base64url (unpadded). Node's decoder skips characters outside the alphabet, so a key with a
 * stray character or a typo would otherwise decode to 32 bytes of something else: re-encoding
 * the decoded bytes must give back the very string.
 */
export function isEncryptionKey(value: string): boolean {
  const bytes = Buffer.from(value, "base64");
  return bytes.length === 32 && (bytes.toString("base64") === value || bytes.toString("base64url") === value);
}
// Messages never echo the value: it is a key. Surrounding whitespace (a trailing newline from a
// secrets file) is not part of it.
/** `host:port` pairs (IPv6 in brackets), comma-separated: Redis Cluster seeds or Sentinels. */
const hostPorts = csv.pipe(
  z.array(
    z
      .string()
      .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:[\]/]+):\d{1,5}$/, "must be host:port pairs separated by commas")
      .transform((v) => {
        const at = v.lastIndexOf(":");
        return { host: v.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(v.slice(at + 1)) };
      }),
  ),
);
const encryptionKey = z.string().trim().refine(isEncryptionKey, "must be 32 random bytes in base64, nothing else (openssl rand -base64 32)");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().positive().default(3000),
    HOST: z.string().default("0.0.0.0"),
    /** Serve the /v1 data plane on lean node:http (true) or through Next's route handlers. */
    LATCH_FAST_PATH: bool.default(true),
    /** `all`: portal, management API and data plane; `gateway`: the data plane alone, without Next. */
    LATCH_ROLE: z.enum(["all", "gateway"]).default("all"),
    /** Server processes sharing the port (node:cluster): a number, or `auto` for one per available core. */
    LATCH_WORKERS: z
      .string()
      .trim()
      .regex(/^(auto|[1-9][0-9]?)$/, "must be auto or a number of processes from 1 to 99")
      .default("1")
      .transform((v) => (v === "auto" ? os.availableParallelism() : Number(v))),
    /**
     * V8's old-generation growth between major GCs, in percent over what the last one kept (0: V8's
     * own factor, up to 300 %). Not a cap: the heap still grows as far as its live data needs.
     */
    LATCH_HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(1000).default(75),
    APP_URL: z.url().default("http://localhost:3000"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    /** A read replica of DATABASE_URL for usage dashboards, usage reports and exports; unset = the primary. */
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    LATCH_DATA_DIR: z.string().default(".data"),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
      .optional(),
    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: z.string().optional(),
    REDIS_KEY_PREFIX: z.string().default("latch:"),
    /** Redis Cluster: seed nodes (any few masters or replicas); the client discovers the rest. */
    REDIS_CLUSTER_NODES: hostPorts,
    /** Redis Sentinel: the sentinels to ask for the current master of REDIS_SENTINEL_NAME. */
    REDIS_SENTINELS: hostPorts,
    REDIS_SENTINEL_NAME: z.string().optional(),
    /** Credentials and TLS for cluster nodes and the Sentinel-managed master (REDIS_URL carries its own). */
    REDIS_USERNAME: z.string().optional(),
    REDIS_PASSWORD: z.string().optional(),
    REDIS_SENTINEL_PASSWORD: z.string().optional(),
    REDIS_TLS: bool.default(false),
    /**
     * Replicas a limit or usage write must reach before it counts (Redis WAIT). 0 keeps writes
     * asynchronous; 1 with an HA Redis means a failover cannot forget an acknowledged write.
     */
    REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(5).default(0),
    REDIS_WAIT_TIMEOUT_MS: z.coerce.number().int().positive().default(100),
    /** Seals every new secret; also opens secrets sealed under it. */
    LATCH_ENCRYPTION_KEY: encryptionKey.default(DEV_ENCRYPTION_KEY),
    /** Retired keys that still open older secrets, until `npm run secrets:reencrypt` has moved them. */
    LATCH_ENCRYPTION_KEYS_PREVIOUS: csv.pipe(z.array(encryptionKey)),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").default(DEV_AUTH_SECRET),
    LATCH_DEV_SIGN_IN: bool.optional(),
    LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION: bool.default(false),
    LATCH_SEED_DEMO: bool.default(true),
    /** Emails made admin of their org at every SSO sign-in, so a new deployment has its first admins. */
    LATCH_BOOTSTRAP_ADMINS: csv.transform((list) => list.map((e) => e.toLowerCase())),
    LATCH_ADMIN_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    TRUSTED_PROXIES: csv,
    /** Browser origins (besides APP_URL's) allowed to call /mcp; `*` matches any run of characters. */
    LATCH_MCP_ALLOWED_ORIGINS: csv,
    /** Allow provider base URLs and webhooks on loopback/link-local addresses (development, tests). */
    LATCH_ALLOW_PRIVATE_UPSTREAMS: bool.default(false),
    /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
    LATCH_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** Serves /metrics without a token in production (it is open in development and tests regardless). */
    LATCH_METRICS_PUBLIC: bool.default(false),
    LATCH_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().positive().default(600_000),
    /** How long SIGTERM waits for in-flight requests before cutting them (they are still metered). */
    LATCH_SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(25_000),
    /** Extra attempts on the last candidate after a provider 429/5xx or connection error. */
    LATCH_UPSTREAM_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
    LATCH_MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(10 * 1024 * 1024),
    /** After this, a cached key or org is refreshed in the background (requests never wait for it). */
    LATCH_KEY_CACHE_TTL_MS: z.coerce.number().int().positive().default(30_000),
    /** How long cached keys and orgs keep serving while their refresh fails (Postgres unreachable). */
    LATCH_CACHE_MAX_STALE_MS: z.coerce
      .number()
      .int()
      .positive()
      .default(60 * 60_000),
    /**
     * How long a concurrency slot or budget reservation outlives a request that never settles (a
     * crashed instance); renewed every third of it while the request lives.
     */
    LATCH_HOLD_TTL_MS: z.coerce.number().int().positive().default(60_000),
    /** Longest lifetime of a delegated child key. */
    LATCH_CHILD_KEY_MAX_MINUTES: z.coerce.number().int().positive().default(60),
    /** A Redis command not answered in this time fails (limits then follow the org's fail mode). */
    LATCH_REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().positive().default(1_000),
    /** How long a transaction waits for a pooled Postgres connection before failing (Prisma's default). */
    LATCH_DB_TRANSACTION_WAIT_MS: z.coerce.number().int().positive().default(2_000),
    /** A usage entry delivered to a consumer that died is taken over after this idle time. */
    LATCH_USAGE_CLAIM_IDLE_MS: z.coerce.number().int().positive().default(30_000),
    /** Days to keep raw usage events (0 = forever); rollups are kept regardless. */
    LATCH_USAGE_RETENTION_DAYS: z.coerce.number().int().min(0).default(0),
    /** Months of raw usage and tool call events to keep (0 = forever): older monthly partitions are dropped whole. */
    LATCH_USAGE_RETENTION_MONTHS: z.coerce.number().int().min(0).default(0),
    /** Monthly event partitions created ahead of the current month. */
    LATCH_USAGE_PARTITIONS_AHEAD: z.coerce.number().int().min(1).max(24).default(3),
    LATCH_KEY_CACHE_SIZE: z.coerce.number().int().positive().default(10_000),
    /** Adds `Server-Timing: auth;dur=…, …` to /v1 responses: Latch's own time per phase, in ms. */
    LATCH_SERVER_TIMING: bool.default(false),
    /** A genai-prices `data.json` used instead of the bundled price catalog (offline price updates). */
    LATCH_PRICE_DATA_FILE: z.string().optional(),
    /** The as-of date shown for LATCH_PRICE_DATA_FILE; defaults to the file's modification date. */
    LATCH_PRICE_DATA_AS_OF: z.iso.date().optional(),
    OKTA_ISSUER: optionalUrl,
    OKTA_CLIENT_ID: z.string().optional(),
    OKTA_CLIENT_SECRET: z.string().optional(),
    ENTRA_ISSUER: optionalUrl,
    ENTRA_CLIENT_ID: z.string().optional(),
    ENTRA_CLIENT_SECRET: z.string().optional(),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("Single sign-on"),
    STRIPE_SECRET_KEY: z.string().optional(),
    STRIPE_WEBHOOK_SECRET: z.string().optional(),
    /** Where the Stripe client sends API calls; only tests point it elsewhere (a loopback fake). */
    STRIPE_API_BASE: optionalUrl,
    STRIPE_PRICE_TEAM: z.string().optional(),
    STRIPE_PRICE_ENTERPRISE: z.string().optional(),
    /** Event name of a Stripe billing meter for proxied requests; metered billing is off when unset. */
    STRIPE_METER_EVENT: z.string().optional(),
    /** Days a paid plan's limits hold after a failed payment before the org falls back to Free limits. */
    LATCH_BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(90).default(7),
    /** Key-request emails go out only when this is set, e.g. smtps://user:pass@smtp.example.com:465. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    SMTP_FROM: z.string().default("Latch <latch@localhost>"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    const topologies = [
      env.REDIS_URL && "REDIS_URL",
      env.REDIS_CLUSTER_NODES.length && "REDIS_CLUSTER_NODES",
      env.REDIS_SENTINELS.length && "REDIS_SENTINELS",
    ].filter(Boolean);
    if (topologies.length > 1)
      ctx.addIssue({
        code: "custom",
        path: [String(topologies[1])],
        message: `set only one of ${topologies.join(", ")}: they name different Redis deployments`,
      });
    if (env.REDIS_SENTINELS.length && !env.REDIS_SENTINEL_NAME)
      ctx.addIssue({ code: "custom", path: ["REDIS_SENTINEL_NAME"], message: "is required with REDIS_SENTINELS (the master group name, e.g. mymaster)" });
    // Keys are hash-tagged by org ({o:<id>}) so that one script's keys share a slot; Redis hashes
    // the first {…} of a key, so braces in the prefix would put every org in one slot or split them.
    if (env.REDIS_CLUSTER_NODES.length && /[{}]/.test(env.REDIS_KEY_PREFIX))
      ctx.addIssue({ code: "custom", path: ["REDIS_KEY_PREFIX"], message: "must not contain { or } with Redis Cluster (keys are hash-tagged by org)" });
    // Workers are separate processes: an embedded database opens in one process only, and limits
    // kept in process memory would each allow the full limit.
    if (env.LATCH_WORKERS > 1 && !env.DATABASE_URL)
      ctx.addIssue({
        code: "custom",
        path: ["LATCH_WORKERS"],
        message: "more than one worker needs DATABASE_URL (the embedded database opens in one process only)",
      });
    if (env.LATCH_WORKERS > 1 && !env.REDIS_URL && !env.REDIS_CLUSTER_NODES.length && !env.REDIS_SENTINELS.length && !env.UPSTASH_REDIS_REST_URL)
      ctx.addIssue({ code: "custom", path: ["LATCH_WORKERS"], message: "more than one worker needs Redis (limits and budgets must be shared by the workers)" });
    // Billing half-configured would take payments it cannot verify or map to a plan.
    if (env.STRIPE_SECRET_KEY) {
      for (const name of ["STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_TEAM", "STRIPE_PRICE_ENTERPRISE"] as const)
        if (!env[name]) ctx.addIssue({ code: "custom", path: [name], message: "is required when STRIPE_SECRET_KEY is set (billing on)" });
    }
    // `next build` runs with NODE_ENV=production but serves nothing; secrets are checked at start.
    if (env.NODE_ENV !== "production" || process.env.NEXT_PHASE === "phase-production-build") return;
    const refuse = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (env.LATCH_ENCRYPTION_KEY === DEV_ENCRYPTION_KEY)
      refuse("LATCH_ENCRYPTION_KEY", "the development default cannot be used in production; set your own key");
    if (env.AUTH_SECRET === DEV_AUTH_SECRET) refuse("AUTH_SECRET", "the development default cannot be used in production; set your own secret");
    if (env.LATCH_DEV_SIGN_IN && !env.LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION)
      refuse("LATCH_DEV_SIGN_IN", "dev sign-in lets anyone act as any user; it needs LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION=true");
  })
  .transform((env) => ({
    ...env,
    devSignIn: env.LATCH_DEV_SIGN_IN ?? env.NODE_ENV !== "production",
    embeddedDatabase: !env.DATABASE_URL,
    /** Hosted SaaS only: self-hosted deployments leave Stripe unset and get every feature. */
    billingEnabled: Boolean(env.STRIPE_SECRET_KEY),
    limiterBackend: env.UPSTASH_REDIS_REST_URL ? "upstash" : env.REDIS_URL || env.REDIS_CLUSTER_NODES.length || env.REDIS_SENTINELS.length ? "redis" : "memory",
  }));

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`REDIS_URL=`) means "not set", as in most twelve-factor apps.
  const set = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(set);
  if (result.success) return Object.freeze(result.data);
  const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new Error(`Latch cannot start: invalid configuration\n${lines.join("\n")}\nSee the configuration table in README.md.`);
}

export const env: Env = parseEnv(process.env);
