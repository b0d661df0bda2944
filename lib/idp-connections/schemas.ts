// Input of the SSO settings forms. Flat strings from FormData, validated once here.
import { z } from "zod";

export const IDP_KINDS = ["oidc", "okta", "entra"] as const;

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** Secrets and codes cross the wire to the issuer: https, except an IdP on this machine (tests, dev). */
const Issuer = z
  .url("Enter the issuer URL, e.g. https://acme.okta.com/oauth2/default.")
  .max(500)
  .refine((v) => {
    const u = new URL(v);
    return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK.has(u.hostname));
  }, "The issuer must use https.")
  .transform((v) => v.replace(/\/+$/, ""));

const Domains = z
  .string()
  .max(2000)
  .transform((v) => [
    ...new Set(
      v
        .split(/[\s,]+/)
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.string().regex(DOMAIN, "Enter domains like corp.com, separated by commas.")).min(1, "Add at least one email domain.").max(50));

export const CreateConnectionInput = z.object({
  kind: z.enum(IDP_KINDS).default("oidc"),
  issuer: Issuer,
  clientId: z.string().trim().min(1, "Enter the client id.").max(300),
  clientSecret: z.string().trim().min(1, "Enter the client secret.").max(2000),
  domains: Domains,
  groupRoleMappings: z.string().max(20_000).default(""),
});
export type CreateConnectionInput = z.input<typeof CreateConnectionInput>;

export const ConnectionId = z.string().min(1).max(100);
