// Built-in secret detectors. Credentials are recognised by the fixed prefixes their issuers put in
// them (the same signals gitleaks and GitHub secret scanning use), so a regex per issuer is the
// well-kept approach here; JWTs are confirmed by decoding their header with jwt-decode.
// Every quantifier is bounded: a candidate costs at most a few hundred steps per start position.
import { jwtDecode } from "jwt-decode";
import type { BuiltInDetector } from "@/lib/policy/classification/detectors";

/** A JWT is three base64url segments whose header decodes to JSON naming an algorithm. */
function isJwt(candidate: string): boolean {
  try {
    return typeof jwtDecode<{ alg?: unknown }>(candidate, { header: true }).alg === "string";
  } catch {
    return false;
  }
}

const secret = (d: Omit<BuiltInDetector, "group" | "defaultLevel">): BuiltInDetector => ({ ...d, group: "secret", defaultLevel: "restricted" });

export const SECRET_DETECTORS: readonly BuiltInDetector[] = [
  secret({ id: "private_key", hint: "PRIVATE KEY", pattern: /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g }),
  secret({
    id: "connection_string",
    hint: "://",
    // Only URLs that carry a password: a bare host name is not a secret.
    pattern:
      /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb)(?:\+[a-z0-9]{1,20})?:\/\/[^\s:@/]{1,256}:[^\s@/]{1,256}@[^\s/?#"'<>]{1,256}/gi,
  }),
  secret({ id: "jwt", hint: "eyJ", pattern: /\beyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,16384}\.[A-Za-z0-9_-]{16,2048}/g, confirm: isJwt }),
  // AWS access key ids: a four-letter type prefix and 16 base32 characters.
  secret({ id: "aws_access_key", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g }),
  secret({ id: "aws_secret_key", pattern: /aws_?secret_?access_?key["']?\s{0,4}[:=]\s{0,4}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi }),
  secret({ id: "anthropic_api_key", hint: "sk-ant-", pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}/g }),
  // OpenAI keys embed "T3BlbkFJ" (base64 of "OpenAI"), which keeps look-alike "sk-" strings out.
  secret({ id: "openai_api_key", hint: "T3BlbkFJ", pattern: /\bsk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,160}T3BlbkFJ[A-Za-z0-9_-]{16,160}/g }),
  secret({ id: "latch_api_key", hint: "latch", pattern: /\b(?:sk-latch-|latch_mt_)[A-Za-z0-9]{40}\b/g }),
  secret({ id: "github_token", pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/g }),
  secret({ id: "slack_token", hint: "xox", pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,250}/g }),
  secret({ id: "stripe_key", pattern: /\b[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}\b/g }),
  secret({ id: "google_api_key", hint: "AIza", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g }),
];
