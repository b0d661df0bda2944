import { defineConfig } from "@playwright/test";

// The app under test runs as in production (`next build` output served by server.ts) against
// the real local Postgres and Redis, a loopback fake provider and a loopback OIDC IdP.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const FAKE_PORT = Number(process.env.E2E_FAKE_PROVIDER_PORT ?? 4110);
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 9199);
export const APP_URL = `http://localhost:${APP_PORT}`;
export const FAKE_PROVIDER_URL = `http://127.0.0.1:${FAKE_PORT}`;
export const IDP_URL = `http://127.0.0.1:${IDP_PORT}`;

const appEnv = {
  NODE_ENV: "production",
  PORT: String(APP_PORT),
  APP_URL,
  AUTH_URL: APP_URL,
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/latch_e2e",
  REDIS_URL: process.env.E2E_REDIS_URL ?? "redis://127.0.0.1:6379",
  REDIS_KEY_PREFIX: `latch:e2e:${Date.now()}:`,
  LATCH_ENCRYPTION_KEY: "ZTJlLXRlc3QtZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM=",
  AUTH_SECRET: "e2e-test-auth-secret-0123456789abcdef0123456789",
  LATCH_DEV_SIGN_IN: "true",
  LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION: "true",
  LATCH_ADMIN_TOKEN: "latch_admin_e2e_bootstrap_token_0123456789abcdef",
  OIDC_ISSUER: IDP_URL,
  OIDC_CLIENT_ID: "latch-e2e",
  OIDC_CLIENT_SECRET: "latch-e2e-secret",
  OIDC_NAME: "Acme SSO",
  E2E_FAKE_PROVIDER_URL: FAKE_PROVIDER_URL,
  LOG_LEVEL: "warn",
  LATCH_ALLOW_PRIVATE_UPSTREAMS: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "proxy", testMatch: "proxy/**/*.spec.ts" },
    { name: "portal", testMatch: "portal/**/*.spec.ts" },
  ],
  webServer: [
    {
      command: `tsx e2e/fixtures/fake-provider.ts ${FAKE_PORT}`,
      url: `${FAKE_PROVIDER_URL}/__fake/health`,
      reuseExistingServer: false,
    },
    {
      command: `tsx e2e/fixtures/idp.ts ${IDP_PORT}`,
      url: `${IDP_URL}/.well-known/openid-configuration`,
      env: {
        IDP_CLIENT_ID: "latch-e2e",
        IDP_CLIENT_SECRET: "latch-e2e-secret",
        IDP_REDIRECT_URIS: `${APP_URL}/api/auth/callback/oidc`,
        // On-the-fly IdP users (any login without "@") belong to the seeded demo org's domain.
        IDP_EMAIL_DOMAIN: "demo.latch.local",
      },
      reuseExistingServer: false,
    },
    {
      command: "tsx e2e/reset-db.ts && tsx scripts/prepare.ts && tsx server.ts",
      url: `${APP_URL}/api/health`,
      env: appEnv,
      timeout: 120_000,
      reuseExistingServer: false,
    },
  ],
});
