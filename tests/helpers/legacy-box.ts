// A secret box in the format Latch wrote before boxes named their key ("v1:<iv>:<tag>:<ct>"),
// as databases from that time still hold.
import { createCipheriv, randomBytes } from "node:crypto";

export function legacyBox(key: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(key, "base64"), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), data.toString("base64")].join(":");
}
