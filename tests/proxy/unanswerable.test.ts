// Every request gets an answer in the API's shape, including ones the router cannot read: a
// malformed percent-escape or a request target that is not a URL used to hold the socket forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import net from "node:net";
import { startGateway, type TestGateway } from "@/tests/helpers/gateway";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

/** Sends a raw request line (fetch would normalise it) and reads the status line and body. */
function raw(target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
    let data = "";
    socket.on("data", (d) => (data += d.toString()));
    socket.on("end", () => {
      const [head = "", body = ""] = data.split("\r\n\r\n");
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), body });
    });
    socket.on("error", reject);
  });
}

describe("requests the router cannot read", () => {
  it.each(["/v1/models/%E0%A4%A", "/v1/responses/%E0%A4%A", "//foo:bar"])("%s gets a JSON 400", async (target) => {
    const { status, body } = await raw(target);
    expect(status).toBe(400);
    expect(JSON.parse(body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n$/g, ""))).toMatchObject({ error: { type: "invalid_request_error", code: "invalid_url" } });
  });
});
