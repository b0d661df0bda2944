import { defineConfig } from "@playwright/test";
import { DEFAULT_ENTRA_TENANT } from "./e2e/fixtures/idp";

// The app under test runs as in production (`next build` output served by server.ts) against
// the real local Postgres and Redis, a loopback fake provider and a loopback OIDC IdP.
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const FAKE_PORT = Number(process.env.E2E_FAKE_PROVIDER_PORT ?? 4110);
const IDP_PORT = Number(process.env.E2E_IDP_PORT ?? 9199);
export const APP_URL = `http://localhost:${APP_PORT}`;
export const FAKE_PROVIDER_URL = `http://127.0.0.1:${FAKE_PORT}`;
export const IDP_URL = `http://127.0.0.1:${IDP_PORT}`;
// The same kit IdP in its Okta and Entra ID flavors (issuer paths, groups in the ID token), and
// one more standing in for a customer's own IdP that an org admin connects in the portal.
const OKTA_IDP_PORT = IDP_PORT - 1;
const ENTRA_IDP_PORT = IDP_PORT - 2;
const ORG_IDP_PORT = IDP_PORT - 3;
export const OKTA_ISSUER = `http://127.0.0.1:${OKTA_IDP_PORT}/oauth2/default`;
export const ENTRA_ISSUER = `http://127.0.0.1:${ENTRA_IDP_PORT}/${DEFAULT_ENTRA_TENANT}/v2.0`;
export const ORG_IDP_ISSUER = `http://127.0.0.1:${ORG_IDP_PORT}/oauth2/default`;
export const ORG_IDP_CLIENT = { id: "initech-latch", secret: "initech-latch-secret" };
/** A second instance of the same build, configured as production with dev sign-in left unset. */
const PROD_PORT = APP_PORT + 1;
export const PROD_APP_URL = `http://localhost:${PROD_PORT}`;
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/latch_e2e";
/** A third instance with billing on (the hosted SaaS), on its own database, talking to a fake Stripe. */
const BILLING_PORT = APP_PORT + 2;
export const BILLING_APP_URL = `http://localhost:${BILLING_PORT}`;
export const FAKE_STRIPE_URL = `http://127.0.0.1:${Number(process.env.E2E_FAKE_STRIPE_PORT ?? FAKE_PORT + 10)}`;
export const BILLING_DATABASE_URL = process.env.E2E_BILLING_DATABASE_URL ?? `${E2E_DATABASE_URL}_billing`;
export const BILLING_PRICES = { team: "price_e2e_team", enterprise: "price_e2e_enterprise" };
const STRIPE_WEBHOOK_SECRET = "whsec_e2e_billing_0123456789abcdef";

/** The main app's settings; specs that start an instance of their own begin from these. */
export const appEnv = {
  NODE_ENV: "production",
  PORT: String(APP_PORT),
  APP_URL,
  AUTH_URL: APP_URL,
  DATABASE_URL: E2E_DATABASE_URL,
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
  OKTA_ISSUER,
  OKTA_CLIENT_ID: "latch-okta",
  OKTA_CLIENT_SECRET: "latch-okta-secret",
  ENTRA_ISSUER,
  ENTRA_CLIENT_ID: "latch-entra",
  ENTRA_CLIENT_SECRET: "latch-entra-secret",
  E2E_FAKE_PROVIDER_URL: FAKE_PROVIDER_URL,
  LOG_LEVEL: "warn",
  LATCH_ALLOW_PRIVATE_UPSTREAMS: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

type KitUser = { login: string; email: string; name: string; groups: string[] };

function idpServer(
  port: number,
  flavor: "okta" | "entra",
  o: { clientId: string; secret: string; callback: string; domain: string; issuer: string; users: KitUser[] },
) {
  // IDP_TENANT_CLAIM=0: Auth.js re-discovers an Entra issuer from the tid claim over https only (see e2e/fixtures/idp.ts).
  return {
    command: `tsx e2e/fixtures/idp.ts ${port}`,
    url: `${o.issuer}/.well-known/openid-configuration`,
    env: {
      IDP_FLAVOR: flavor,
      IDP_CLIENT_ID: o.clientId,
      IDP_CLIENT_SECRET: o.secret,
      IDP_REDIRECT_URIS: `${APP_URL}/api/auth/callback/${o.callback}`,
      IDP_EMAIL_DOMAIN: o.domain,
      IDP_USERS: JSON.stringify(o.users),
      IDP_TENANT_CLAIM: "0",
    },
    reuseExistingServer: false,
  };
}

function withoutDevSignIn(env: Record<string, string>): Record<string, string> {
  const { LATCH_DEV_SIGN_IN: _on, LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION: _allowed, ...rest } = env;
  return rest;
}

const billingEnv = {
  PORT: String(BILLING_PORT),
  APP_URL: BILLING_APP_URL,
  AUTH_URL: BILLING_APP_URL,
  DATABASE_URL: BILLING_DATABASE_URL,
  REDIS_KEY_PREFIX: `latch:e2e-billing:${Date.now()}:`,
  STRIPE_SECRET_KEY: "sk_test_e2e_billing",
  STRIPE_WEBHOOK_SECRET,
  STRIPE_API_BASE: FAKE_STRIPE_URL,
  STRIPE_PRICE_TEAM: BILLING_PRICES.team,
  STRIPE_PRICE_ENTERPRISE: BILLING_PRICES.enterprise,
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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
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
    idpServer(OKTA_IDP_PORT, "okta", {
      clientId: "latch-okta",
      secret: "latch-okta-secret",
      callback: "okta",
      domain: "umbrella.test",
      issuer: OKTA_ISSUER,
      users: [
        { login: "olga", email: "olga@umbrella.test", name: "Olga Okta", groups: ["latch-approvers", "everyone"] },
        { login: "otto", email: "otto@umbrella.test", name: "Otto Okta", groups: ["engineering", "everyone"] },
      ],
    }),
    idpServer(ENTRA_IDP_PORT, "entra", {
      clientId: "latch-entra",
      secret: "latch-entra-secret",
      callback: "microsoft-entra-id",
      domain: "globex.test",
      issuer: ENTRA_ISSUER,
      users: [
        { login: "erin", email: "erin@globex.test", name: "Erin Entra", groups: ["globex-latch-admins"] },
        { login: "eli", email: "eli@globex.test", name: "Eli Entra", groups: ["globex-engineering"] },
      ],
    }),
    idpServer(ORG_IDP_PORT, "okta", {
      clientId: ORG_IDP_CLIENT.id,
      secret: ORG_IDP_CLIENT.secret,
      callback: "org-idp",
      domain: "initech.test",
      issuer: ORG_IDP_ISSUER,
      users: [{ login: "ian", email: "ian@initech.test", name: "Ian Initech", groups: ["initech-approvers"] }],
    }),
    {
      command: "tsx e2e/reset-db.ts && tsx scripts/prepare.ts && tsx server.ts",
      url: `${APP_URL}/api/health`,
      env: appEnv,
      timeout: 120_000,
      reuseExistingServer: false,
    },
    {
      command: `tsx e2e/fixtures/fake-stripe.ts ${new URL(FAKE_STRIPE_URL).port}`,
      url: `${FAKE_STRIPE_URL}/__fake/health`,
      env: {
        FAKE_STRIPE_WEBHOOK_URL: `${BILLING_APP_URL}/api/stripe/webhook`,
        FAKE_STRIPE_WEBHOOK_SECRET: STRIPE_WEBHOOK_SECRET,
        FAKE_STRIPE_PRICES: JSON.stringify({ [BILLING_PRICES.team]: 1200, [BILLING_PRICES.enterprise]: 4000 }),
      },
      reuseExistingServer: false,
    },
    {
      command: "tsx e2e/reset-db.ts && tsx scripts/prepare.ts && tsx server.ts",
      url: `${BILLING_APP_URL}/api/health`,
      env: { ...appEnv, ...billingEnv },
      timeout: 120_000,
      reuseExistingServer: false,
    },
    {
      // Started after the main app has migrated and seeded the database it shares.
      command: "tsx server.ts",
      url: `${PROD_APP_URL}/api/health`,
      env: { ...withoutDevSignIn(appEnv), PORT: String(PROD_PORT), APP_URL: PROD_APP_URL, AUTH_URL: PROD_APP_URL },
      timeout: 60_000,
      reuseExistingServer: false,
    },
  ],
});
