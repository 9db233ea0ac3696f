import { describe, expect, it } from "vitest";
import { isOwnHost } from "../../src/serve/request-host.ts";

// A page on another site that points its own name at 127.0.0.1 (DNS rebinding) sends that
// name as the Host header: serve must refuse it, and answer its own addresses.
const loopback = { host: "127.0.0.1", port: 8080 };

describe("isOwnHost", () => {
  it("accepts the address serve listens on, localhost and IP addresses, at its port", () => {
    for (const header of ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080", "192.168.1.20:8080"]) {
      expect(isOwnHost(header, loopback), header).toBe(true);
    }
  });

  it("accepts the name given with --host", () => {
    expect(isOwnHost("preview.lan:4000", { host: "preview.lan", port: 4000 })).toBe(true);
  });

  it("refuses any other name, another port, and a missing or malformed Host", () => {
    for (const header of ["evil.example:8080", "evil.example", "127.0.0.1.evil.example:8080", "localhost.evil.example:8080", "127.0.0.1:8081", "localhost", "", "user@127.0.0.1:8080", "127.0.0.1:8080/x", "a b:8080"]) {
      expect(isOwnHost(header, loopback), header).toBe(false);
    }
    expect(isOwnHost(undefined, loopback)).toBe(false);
  });

  it("compares a Host without a port with port 80", () => {
    expect(isOwnHost("localhost", { host: "127.0.0.1", port: 80 })).toBe(true);
  });
});
