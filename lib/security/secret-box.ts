// AES-256-GCM for secrets at rest (provider keys, IdP client secrets). Format:
// "v1:<iv b64>:<tag b64>:<ciphertext b64>", so the key can be rotated by version later.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

const key = Buffer.from(env.LATCH_ENCRYPTION_KEY, "base64");

export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}

export function decryptSecret(box: string): string {
  const [version, iv, tag, data] = box.split(":");
  if (version !== "v1" || !iv || !tag || !data) throw new Error("unrecognised secret format");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
  decipher.setAuthTag(Buffer.from(tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64")), decipher.final()]).toString("utf8");
}

export const lastFour = (secret: string) => secret.slice(-4);
