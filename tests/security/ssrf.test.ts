import { describe, expect, it } from "vitest";
import { assertSafeOutboundUrl, isForbiddenAddress } from "@/lib/security/ssrf";

describe("outbound URL guard", () => {
  it("refuses loopback, link-local, metadata, unspecified and multicast addresses", async () => {
    for (const url of [
      "http://127.0.0.1:8080/v1",
      "http://169.254.169.254/latest/meta-data",
      "http://[::1]/",
      "http://[fd00:ec2::254]/",
      "http://0.0.0.0/",
      "http://[::ffff:127.0.0.1]/",
      "http://localhost:11434/v1",
    ]) {
      await expect(assertSafeOutboundUrl(url, "baseUrl", false), url).rejects.toMatchObject({ status: 400, param: "baseUrl" });
    }
  });

  it("allows public and private-network hosts (self-hosted model servers)", async () => {
    for (const url of ["https://203.0.113.10/v1", "http://10.0.0.5:8000/v1", "http://192.168.1.20/v1", "https://[2001:db8::1]/v1"]) {
      await expect(assertSafeOutboundUrl(url, "baseUrl", false), url).resolves.toBeUndefined();
    }
  });

  it("refuses other schemes and embedded credentials; the allow setting opens loopback", async () => {
    await expect(assertSafeOutboundUrl("file:///etc/passwd", "baseUrl", false)).rejects.toMatchObject({ status: 400 });
    await expect(assertSafeOutboundUrl("http://user:pw@example.com/", "baseUrl", false)).rejects.toMatchObject({ status: 400 });
    await expect(assertSafeOutboundUrl("http://127.0.0.1:8080/v1", "baseUrl", true)).resolves.toBeUndefined();
    await expect(assertSafeOutboundUrl("http://169.254.169.254/", "baseUrl", true)).rejects.toMatchObject({ status: 400 });
    expect(isForbiddenAddress("169.254.1.1")).toBe(true);
    expect(isForbiddenAddress("8.8.8.8")).toBe(false);
  });
});
