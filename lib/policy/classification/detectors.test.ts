// Each built-in detector on its own: what it must find, and look-alikes it must leave alone.
// Secrets are assembled from parts so this file does not itself look like a leaked credential.
import { describe, expect, it } from "vitest";
import { BUILT_IN_DETECTORS } from "@/lib/policy/classification/detectors";
import { compileOrgClassification } from "@/lib/policy/classification/policy";
import { scan } from "@/lib/policy/classification/scan";

const detector = (id: string) => {
  const d = BUILT_IN_DETECTORS.find((b) => b.id === id);
  if (!d) throw new Error(`no detector ${id}`);
  return { ...d, level: 3 as const };
};
/** The matched substrings of one detector in `text`. */
function matches(id: string, text: string): string[] {
  const result = scan([text], [detector(id)]);
  return (result.hits[0] ?? []).map((h) => text.slice(h.start, h.end));
}

const cases: Record<string, { hits: string[]; misses: string[] }> = {
  private_key: {
    hits: ["-----BEGIN RSA PRIVATE KEY-----\nMIIEow", "-----BEGIN OPENSSH PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----"],
    misses: ["-----BEGIN PUBLIC KEY-----", "-----BEGIN CERTIFICATE-----", "a private key is a secret"],
  },
  connection_string: {
    hits: ["postgres://app:s3cret@db.internal:5432/prod", "mongodb+srv://svc:pw@cluster0.example.net/x", "REDIS_URL=rediss://default:tok@cache:6380"],
    misses: ["postgres://db.internal:5432/prod", "https://user:pw@example.com/", "mysql://localhost/app"],
  },
  jwt: {
    hits: ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"],
    // Three base64 segments whose "header" names no algorithm; and a truncated token.
    misses: ["eyJmb28iOiJiYXIifQ.eyJmb28iOiJiYXIifQ.c2lnbmF0dXJlc2lnbmF0dXJl", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0"],
  },
  aws_access_key: {
    hits: ["AKIA" + "IOSFODNN7EXAMPLE", "ASIA" + "Y34FZKBOKMUTVV7A"],
    misses: ["AKIA" + "IOSFODNN7EXAMPL", "XAKIA" + "IOSFODNN7EXAMPLE", "AKIA" + "iosfodnn7example"],
  },
  aws_secret_key: {
    hits: [
      "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      'AWS_SECRET_ACCESS_KEY: "' + "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" + '"',
    ],
    misses: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = <your key>"],
  },
  anthropic_api_key: { hits: [`sk-ant-api03-${"a1B2".repeat(23)}xAA`], misses: ["sk-ant-" + "api03-short", "sk-ant-is-a-prefix"] },
  openai_api_key: {
    hits: [`sk-proj-${"Ab12".repeat(10)}T3BlbkFJ${"Cd34".repeat(10)}`, "sk-" + "Ab12Cd34Ef56Gh78Ij90" + "T3Blbk" + "FJ" + "Kl12Mn34Op56Qr78St90"],
    misses: ["sk-" + "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKL", "the sk- prefix"],
  },
  latch_api_key: { hits: [`sk-latch-${"A1b2C3d4E5".repeat(4)}`], misses: ["sk-" + "latch-A1b2", "sk-latch-"] },
  github_token: { hits: [`ghp_${"A1b2C3d4E5f6".repeat(3)}`, `github_pat_${"11AB".repeat(20)}`], misses: ["ghp_short", `ghx_${"A1b2C3d4E5f6".repeat(3)}`] },
  slack_token: { hits: ["xoxb-" + "1234567890-abcdefghij"], misses: ["xoxo and hugs", "xoxb-12"] },
  stripe_key: {
    hits: ["sk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc", "rk_" + "test_" + "4eC39HqLyjWDarjtT1zdp7dc"],
    misses: ["sk_" + "live_short", "pk_" + "live_" + "4eC39HqLyjWDarjtT1zdp7dc"],
  },
  google_api_key: { hits: ["AIza" + "SyA-1234567890abcdefghijklmnopqrstu"], misses: ["AIza" + "SyA-123456", "AIzaSy is a prefix"] },
  iban: {
    hits: ["DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "FR14 2004 1010 0505 0001 3M02 606"],
    misses: ["DE89 3704 0044 0532 0130 01", "XX12 3456 7890 1234", "AB12 CDEF GHIJ"],
  },
  credit_card: {
    hits: ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "4012888888881881"],
    // Order numbers: a Visa-like one failing Luhn, Luhn-valid ones with no card issuer, a date run.
    misses: ["order 4111111111111112", "order 7000000000000005", "ref 1234567812345670", "2024-05-01 2024-05-02"],
  },
  email: { hits: ["jane.doe@example.com", "ops+alerts@mail.example.co.uk"], misses: ["user@localhost", "@username", "a @ b.com", "name@domain"] },
  phone_number: {
    hits: ["+44 20 7946 0958", "(415) 555-2671", "call 415-555-2671 now", "+1 415 555 2671"],
    misses: ["123-456-7890", "order 4155552671", "2024-05-01", "v1.415.5552", "+99 1234"],
  },
  us_ssn: { hits: ["536-90-4399", "536 90 4399"], misses: ["078-05-1120", "000-12-3456", "666-12-3456", "536904399", "536-90 4399"] },
  uk_nino: { hits: ["AB123456C", "JG 10 37 59 A"], misses: ["QQ123456C", "BG123456A", "AB123456E"] },
  es_dni: { hits: ["12345678Z", "12345678-Z"], misses: ["12345678A", "1234567Z"] },
  fr_nir: { hits: ["2 95 10 99 126 111 93", "295109912611193"], misses: ["2 95 10 99 126 111 94", "395109912611193"] },
  in_aadhaar: { hits: ["2341 2341 2346"], misses: ["2341 2341 2347", "1341 2341 2346", "234123412346"] },
};

describe("built-in detectors", () => {
  it("has a test case for every detector", () => {
    expect(Object.keys(cases).sort()).toEqual(BUILT_IN_DETECTORS.map((d) => d.id).sort());
  });

  for (const [id, { hits, misses }] of Object.entries(cases)) {
    it(`${id}: finds its hits and leaves the look-alikes`, () => {
      for (const hit of hits) expect(matches(id, `before ${hit} after`), hit).toHaveLength(1);
      for (const miss of misses) expect(matches(id, `before ${miss} after`), miss).toEqual([]);
    });
  }

  it("reports the IBAN alone when an upper-case word follows it", () => {
    expect(matches("iban", "IBAN GB82 WEST 1234 5698 7654 32 OK")).toEqual(["GB82 WEST 1234 5698 7654 32"]);
  });

  it("gives overlapping text to the detector listed first, and counts by class", () => {
    const all = compileOrgClassification({}, []).above[0]!;
    const text = "db postgres://app:pw@db.example.com/x, card 4111 1111 1111 1111, iban DE89 3704 0044 0532 0130 00, mail a.b@example.org";
    expect(scan([text, "no findings here"], all).counts).toEqual({ connection_string: 1, credit_card: 1, iban: 1, email: 1 });
  });

  it("scans 64 KB adversarial runs (digits, separators, prefixes) in linear time", () => {
    const all = compileOrgClassification({}, []).above[0]!;
    const shapes = [
      "1".repeat(65_536),
      `${"a.".repeat(32_768)}@x`,
      "+1 ".repeat(21_000),
      "1-".repeat(32_768),
      `${"eyJ".repeat(21_000)}.`,
      `sk-ant-api01-${"a".repeat(65_000)}`,
    ];
    for (const text of shapes) {
      const started = performance.now();
      scan([text], all);
      // ~1 ms measured; the bound leaves room for a loaded CI machine.
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(250);
    }
  });
});
