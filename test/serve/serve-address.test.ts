import { describe, expect, it } from "vitest";
import { listenFailure, parseHost, parsePort, ServeAddressError } from "../../src/serve/serve-address.ts";

describe("parsePort", () => {
  it("takes a whole number from 0 to 65535", () => {
    expect(parsePort("0")).toBe(0);
    expect(parsePort("8080")).toBe(8080);
    expect(parsePort("65535")).toBe(65535);
  });

  it("refuses anything else with one line naming the value and what to give", () => {
    for (const text of ["abc", "99999", "65536", "-1", "80.5", "", " 80", "0x50", "8080x"]) {
      expect(() => parsePort(text), text).toThrow(ServeAddressError);
      expect(() => parsePort(text), text).toThrow(`--port "${text}" is not a port — give a number from 1 to 65535, or 0 for any free port`);
    }
  });
});

describe("parseHost", () => {
  it("takes names and addresses, and refuses what cannot be one", () => {
    for (const host of ["127.0.0.1", "localhost", "::1", "0.0.0.0", "preview.lan"]) expect(parseHost(host)).toBe(host);
    for (const host of ["", "a b", "http://x", "x/y"]) expect(() => parseHost(host), host).toThrow(ServeAddressError);
  });
});

describe("listenFailure", () => {
  const failure = (code: string) => listenFailure(Object.assign(new Error(code), { code }), "127.0.0.1", 8080).message;

  it("says what to do for each way listening fails, in one line", () => {
    expect(failure("EADDRINUSE")).toBe("127.0.0.1:8080 is already in use — stop the program using it, or pick another port with --port (0 picks a free one)");
    expect(failure("EACCES")).toMatch(/^127\.0\.0\.1:8080 needs administrator rights — /);
    expect(failure("ENOTFOUND")).toMatch(/^--host "127\.0\.0\.1" is not a known host name — /);
    expect(failure("EADDRNOTAVAIL")).toMatch(/^--host "127\.0\.0\.1" is not an address of this machine — /);
    for (const code of ["EADDRINUSE", "EACCES", "ENOTFOUND", "EADDRNOTAVAIL", "EWHATEVER"]) expect(failure(code)).not.toContain("\n");
  });
});
