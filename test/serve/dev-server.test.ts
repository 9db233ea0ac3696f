import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DevServer } from "../../src/serve/dev-server.ts";

// A rebuild copies the site's stylesheet again by deleting it first (Eleventy's passthrough
// copy). A browser reloading in that moment must still get it, and the preview must go on.

let output: string;
let server: DevServer;
let url: string;

beforeEach(async () => {
  output = await mkdtemp(path.join(os.tmpdir(), "castpress-dev-server-"));
  await mkdir(path.join(output, "assets"));
  await writeFile(path.join(output, "index.html"), "<!doctype html><title>Home</title><body><h1>Home</h1></body>");
  await writeFile(path.join(output, "assets/site.css"), "body { color: black }");
  server = new DevServer(output);
  url = await server.listen(0, "127.0.0.1");
  server.update({ built: true, problems: [], episodes: [] });
});

afterEach(async () => {
  await server.close();
  await rm(output, { recursive: true, force: true });
});

describe("DevServer", () => {
  it("sends a file a build under way has deleted once that build has written it again", async () => {
    let finishBuild = () => {};
    server.buildStarted(new Promise<void>((resolve) => (finishBuild = resolve)));
    await rm(path.join(output, "assets/site.css"));

    let answered = false;
    const response = fetch(new URL("assets/site.css", url)).then((answer) => ((answered = true), answer));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answered).toBe(false);

    await writeFile(path.join(output, "assets/site.css"), "body { color: navy }");
    finishBuild();
    const stylesheet = await response;
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await stylesheet.text()).toBe("body { color: navy }");
  });

  it("answers 404 for a file gone with no build under way, and goes on serving", async () => {
    await rm(path.join(output, "assets/site.css"));
    expect((await fetch(new URL("assets/site.css", url))).status).toBe(404);

    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("<h1>Home</h1>");
  });

  it("answers 404 for a file a failed build did not write again", async () => {
    server.buildStarted(Promise.reject(new Error("the build failed")));
    await rm(path.join(output, "assets/site.css"));
    expect((await fetch(new URL("assets/site.css", url))).status).toBe(404);
  });
});
