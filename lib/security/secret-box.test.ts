import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "@/lib/security/secret-box";
import { generateSecret, hashSecret, VIRTUAL_KEY_PREFIX } from "@/lib/security/tokens";

describe("secret box", () => {
  it("round-trips and never contains the plaintext", () => {
    const box = encryptSecret("sk-real-provider-key-123");
    expect(box).not.toContain("sk-real");
    expect(decryptSecret(box)).toBe("sk-real-provider-key-123");
  });

  it("rejects a tampered ciphertext", () => {
    const parts = encryptSecret("secret").split(":");
    parts[3] = Buffer.from("tampered").toString("base64");
    expect(() => decryptSecret(parts.join(":"))).toThrow();
  });
});

describe("virtual key secrets", () => {
  it("have the sk-latch- prefix, >= 192 bits and a sha-256 hash", () => {
    const { secret, hash, displayPrefix } = generateSecret(VIRTUAL_KEY_PREFIX);
    expect(secret).toMatch(/^sk-latch-[0-9A-Za-z]{40}$/);
    expect(40 * Math.log2(62)).toBeGreaterThan(192);
    expect(hash).toBe(hashSecret(secret));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(secret.startsWith(displayPrefix)).toBe(true);
    expect(generateSecret(VIRTUAL_KEY_PREFIX).secret).not.toBe(secret);
  });
});
