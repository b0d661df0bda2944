// Dev sign-in lets anyone act as anyone: it must be absent from a production configuration
// unless two explicit settings say otherwise. Checked on the parsed configuration and on the
// provider list Auth.js would be given (e2e checks the production build's page).
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { DEV_PROVIDER_ID, providersFor } from "@/lib/auth/providers";

const PRODUCTION = {
  NODE_ENV: "production",
  LATCH_ENCRYPTION_KEY: "cHJvZHVjdGlvbi10ZXN0LWtleS0zMi1ieXRlcy0hISE=",
  AUTH_SECRET: "production-test-secret-0123456789abcdefghijkl",
  OKTA_ISSUER: "https://acme.okta.com/oauth2/default",
  OKTA_CLIENT_ID: "latch",
  OKTA_CLIENT_SECRET: "s",
};
// Auth.js keeps a provider's chosen id in `options.id` (the default one in `id`), as signIn() reads it.
const ids = (config: ReturnType<typeof parseEnv>) =>
  providersFor(config).all.map((p) => {
    const c = typeof p === "function" ? p() : p;
    return (c as { options?: { id?: string } }).options?.id ?? c.id;
  });

describe("dev sign-in", () => {
  it("is off in production by default, and only the configured IdPs are offered", () => {
    const config = parseEnv(PRODUCTION);
    expect(config.devSignIn).toBe(false);
    expect(ids(config)).toEqual(["okta"]);
  });

  it("refuses to start in production when turned on without the explicit override", () => {
    expect(() => parseEnv({ ...PRODUCTION, LATCH_DEV_SIGN_IN: "true" })).toThrow(/LATCH_DEV_SIGN_IN.*LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION/s);
  });

  it("is on in production only with both settings", () => {
    const config = parseEnv({ ...PRODUCTION, LATCH_DEV_SIGN_IN: "true", LATCH_ALLOW_DEV_SIGN_IN_IN_PRODUCTION: "true" });
    expect(ids(config)).toContain(DEV_PROVIDER_ID);
  });

  it("is on by default outside production, and can be turned off there", () => {
    expect(ids(parseEnv({ NODE_ENV: "development" }))).toEqual([DEV_PROVIDER_ID]);
    expect(ids(parseEnv({ NODE_ENV: "development", LATCH_DEV_SIGN_IN: "false" }))).toEqual([]);
  });

  it("parses LATCH_BOOTSTRAP_ADMINS as lower-cased emails", () => {
    expect(parseEnv({ LATCH_BOOTSTRAP_ADMINS: " Alice@Corp.com, bob@corp.com ," }).LATCH_BOOTSTRAP_ADMINS).toEqual(["alice@corp.com", "bob@corp.com"]);
  });
});
