// The encryption keyring: new boxes name their key, boxes from before key ids still open, retired
// keys open but never seal, and a missing or wrong key is a clean error that reveals nothing.
import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyring, isCurrent, keyId, open, seal, SecretBoxError } from "@/lib/security/keyring";
import { parseEnv } from "@/lib/env";
import { legacyBox } from "@/tests/helpers/legacy-box";

const A = randomBytes(32).toString("base64");
const B = randomBytes(32).toString("base64");
const C = randomBytes(32).toString("base64");
const idOf = (key: string) => createHash("sha256").update(Buffer.from(key, "base64")).digest("hex").slice(0, 8);

describe("keyring", () => {
  it("seals under the current key and names it by the first 8 hex chars of its SHA-256", () => {
    const ring = createKeyring(B, [A]);
    expect(keyId(Buffer.from(B, "base64"))).toBe(idOf(B));
    const box = seal(ring, "sk-provider-secret");
    expect(box.startsWith(`v2:${idOf(B)}:`)).toBe(true);
    expect(box).not.toContain("sk-provider");
    expect(open(ring, box)).toBe("sk-provider-secret");
    expect(isCurrent(ring, box)).toBe(true);
  });

  it("opens boxes sealed under a previous key, which are not current", () => {
    const old = seal(createKeyring(A), "from key A");
    const ring = createKeyring(B, [C, A]);
    expect(open(ring, old)).toBe("from key A");
    expect(isCurrent(ring, old)).toBe(false);
  });

  it("opens v1 boxes (no key id) under the current or a previous key", () => {
    const ring = createKeyring(B, [A]);
    expect(open(ring, legacyBox(B, "v1 under B"))).toBe("v1 under B");
    expect(open(ring, legacyBox(A, "v1 under A"))).toBe("v1 under A");
    expect(isCurrent(ring, legacyBox(B, "x"))).toBe(false);
  });

  it("refuses a box under a key it does not hold, naming the key id only", () => {
    const ring = createKeyring(B);
    const box = seal(createKeyring(A), "secret-under-a");
    expect(() => open(ring, box)).toThrow(SecretBoxError);
    expect(() => open(ring, box)).toThrow(new RegExp(`key ${idOf(A)}.*LATCH_ENCRYPTION_KEYS_PREVIOUS`));
    expect(() => open(ring, legacyBox(A, "secret-under-a"))).toThrow(/no configured encryption key opens this secret/);
    for (const attempt of [() => open(ring, box), () => open(ring, legacyBox(A, "secret-under-a"))]) {
      const message = (() => {
        try {
          attempt();
        } catch (err) {
          return (err as Error).message;
        }
      })()!;
      for (const leak of [A, B, "secret-under-a"]) expect(message).not.toContain(leak);
    }
  });

  it("refuses tampered boxes and unknown formats", () => {
    const ring = createKeyring(A);
    const parts = seal(ring, "secret").split(":");
    parts[4] = Buffer.from("tampered").toString("base64");
    expect(() => open(ring, parts.join(":"))).toThrow(/fails authentication/);
    expect(() => open(ring, "v3:x:y:z")).toThrow(/unrecognised secret format/);
    expect(() => open(ring, "plain text")).toThrow(SecretBoxError);
  });

  it("ignores a key listed twice and refuses a key that is not 32 bytes", () => {
    expect(createKeyring(A, [A, B]).keys.map((k) => k.id)).toEqual([idOf(A), idOf(B)]);
    expect(() => createKeyring(A, [Buffer.alloc(16).toString("base64")])).toThrow(/not 32 bytes/);
  });
});

describe("encryption key settings", () => {
  const PRODUCTION = { NODE_ENV: "production", AUTH_SECRET: "production-test-secret-0123456789abcdefghijkl" };

  it("parses previous keys as a comma-separated list", () => {
    const config = parseEnv({ LATCH_ENCRYPTION_KEY: B, LATCH_ENCRYPTION_KEYS_PREVIOUS: ` ${A} ,${C}` });
    expect(config.LATCH_ENCRYPTION_KEYS_PREVIOUS).toEqual([A, C]);
    expect(parseEnv({}).LATCH_ENCRYPTION_KEYS_PREVIOUS).toEqual([]);
  });

  it("refuses a previous key of the wrong length, naming the setting but not the value", () => {
    const short = Buffer.from("too-short-to-be-a-key").toString("base64");
    let message = "";
    try {
      parseEnv({ LATCH_ENCRYPTION_KEY: B, LATCH_ENCRYPTION_KEYS_PREVIOUS: `${A},${short}` });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/LATCH_ENCRYPTION_KEYS_PREVIOUS.*32 random bytes/);
    for (const key of [A, B, short]) expect(message).not.toContain(key);
  });

  it("accepts a key only as canonical base64 (or base64url) of 32 bytes, never echoing a refused one", () => {
    // Bytes whose base64 holds both "+" and "/", so the two alphabets differ.
    const K = Buffer.from(`${"fbffbf".repeat(10)}fbff`, "hex").toString("base64");
    expect(K).toMatch(/\+.*\//);
    const url = Buffer.from(K, "base64").toString("base64url");
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    // The last data character carries 4 bits of the key and 2 that must be zero.
    const lastBits = K.slice(0, 42) + alphabet[alphabet.indexOf(K[42]!) ^ 1] + K.slice(43);
    const malformed = {
      "a stray character": `${K.slice(0, 10)}!${K.slice(10)}`,
      "a space inside": `${K.slice(0, 20)} ${K.slice(20)}`,
      "an extra padding character": `${K}=`,
      "both alphabets": K.replace("+", "-"),
      "non-zero padding bits": lastBits,
      "a 33-byte key": randomBytes(33).toString("base64"),
    };
    for (const [what, key] of Object.entries(malformed)) {
      // What the length check alone let through: Node's decoder skips what it does not know.
      if (what !== "a 33-byte key") expect(Buffer.from(key, "base64").length, what).toBe(32);
      for (const setting of ["LATCH_ENCRYPTION_KEY", "LATCH_ENCRYPTION_KEYS_PREVIOUS"]) {
        let message = "";
        try {
          parseEnv({ LATCH_ENCRYPTION_KEY: B, [setting]: key });
        } catch (err) {
          message = (err as Error).message;
        }
        expect(message, `${setting} with ${what}`).toMatch(new RegExp(`${setting}.*32 random bytes in base64`));
        expect(message).not.toContain(key);
        expect(message).not.toContain(key.slice(0, 20));
      }
    }
    expect(parseEnv({ LATCH_ENCRYPTION_KEY: K }).LATCH_ENCRYPTION_KEY).toBe(K);
    expect(parseEnv({ LATCH_ENCRYPTION_KEY: url }).LATCH_ENCRYPTION_KEY).toBe(url);
    // A trailing newline from a secrets file is not part of the key.
    expect(parseEnv({ LATCH_ENCRYPTION_KEY: ` ${K}\n`, LATCH_ENCRYPTION_KEYS_PREVIOUS: `${A}\n` })).toMatchObject({
      LATCH_ENCRYPTION_KEY: K,
      LATCH_ENCRYPTION_KEYS_PREVIOUS: [A],
    });
    expect(createKeyring(url).current.id).toBe(idOf(K));
  });

  it("still refuses the development key as the current key in production", () => {
    expect(() => parseEnv(PRODUCTION)).toThrow(/LATCH_ENCRYPTION_KEY: the development default/);
    expect(parseEnv({ ...PRODUCTION, LATCH_ENCRYPTION_KEY: B, LATCH_ENCRYPTION_KEYS_PREVIOUS: A }).LATCH_ENCRYPTION_KEY).toBe(B);
  });
});
