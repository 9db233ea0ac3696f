import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castpress, copyFixture } from "./support/castpress-cli.ts";

// A --port or --host serve cannot use is the author's typo: one line saying what to do, exit
// code 2 (as for any command line castpress cannot use), no stack trace, and no hanging.

let project: string;

beforeAll(async () => {
  project = await copyFixture("workflow");
});

async function serveWith(args: string[]) {
  const result = await castpress(["serve", ...args], { cwd: project });
  const lines = `${result.stdout}${result.stderr}`.trim().split("\n");
  return { code: result.code, lines };
}

describe("castpress serve with an address it cannot use", () => {
  it.each([
    [["--port", "abc"], 'castpress serve: --port "abc" is not a port — give a number from 1 to 65535, or 0 for any free port'],
    [["--port", "99999"], 'castpress serve: --port "99999" is not a port — give a number from 1 to 65535, or 0 for any free port'],
    [["--port", "0", "--host", "no-such-host.invalid"], 'castpress serve: --host "no-such-host.invalid" is not a known host name — use 127.0.0.1 (the default), localhost, or an address of this machine'],
  ])("%j: one line and exit code 2", async (args, message) => {
    expect(await serveWith(args)).toEqual({ code: 2, lines: [message] });
  });

  describe("a port another program listens on", () => {
    const other = net.createServer();
    let port: number;
    beforeAll(() => new Promise<void>((resolve) => other.listen(0, "127.0.0.1", () => resolve())).then(() => (port = (other.address() as net.AddressInfo).port)));
    afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

    it("is one line and exit code 2, and leaves the other program alone", async () => {
      expect(await serveWith(["--port", String(port)])).toEqual({
        code: 2,
        lines: [`castpress serve: 127.0.0.1:${port} is already in use — stop the program using it, or pick another port with --port (0 picks a free one)`],
      });
      expect(other.listening).toBe(true);
    });
  });
});
