import { execFile, spawn } from "node:child_process";
import { appendFile, mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { copyForPacking } from "../scripts/bench/castpress-snapshot.ts";
import { REPO_ROOT } from "./support/castpress-cli.ts";
import { eventually } from "./support/serve-session.ts";
import { crawlSite } from "./support/site-crawl.ts";

/**
 * castpress as an author gets it while it is not on the npm registry (README, "Your own
 * publication"): `npm pack` in the clone, `npm run init -- ../my-show` from the clone with a
 * base URL holding a path, the tarball installed into that new publication, then every command
 * run from that install, which has no devDependency (no vitest, no TypeScript compiler, no
 * tsx: the package carries its code compiled to JavaScript).
 *
 * npm installs with --prefer-offline: packages come from npm's cache when it holds them. Not
 * --offline, because `npm ci` caches the tarballs but not the registry's package documents
 * that a fresh install resolves versions against, so the first run on a machine fetches those.
 */
const BASE_URL = "https://example.org/show/";
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];

const run = promisify(execFile);
const npm = (args: string[], cwd: string) => run("npm", [...args, ...NPM_FLAGS], { cwd, env: { ...process.env, CI: "true" } });
/** The installed `castpress` command, as `npx castpress` finds it in a publication. */
const castpress = (args: string[], cwd: string) => run("npx", ["--no", "--", "castpress", ...args], { cwd, env: { ...process.env, CI: "true" } });

let work: string;
let tarball: string;
let packed: string[];
let installWarnings: string;
let publication: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "castpress-package-"));
  // Packed from a copy: packing compiles castpress into lib/, which must not appear in the
  // checkout while other tests run its CLI.
  const source = path.join(work, "source");
  await copyForPacking(REPO_ROOT, source);
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], { cwd: source });
  const [pack] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  tarball = path.join(work, pack.filename);
  packed = pack.files.map((file) => file.path);

  publication = path.join(work, "my-show");
  const init = await run("npm", ["run", "init", "--", publication, "--title", "Strait Talk", "--base-url", BASE_URL, "--language", "en", "--time-zone", "Asia/Seoul"], { cwd: REPO_ROOT, env: { ...process.env, CI: "true" } });
  expect(init.stdout).toContain("npx castpress build");
  // The publication depends on castpress; unpublished, it comes from the tarball.
  installWarnings = (await npm(["install", tarball], publication)).stderr;
}, 600_000);

describe("castpress as a package", () => {
  it("publishes only what an installed copy runs: bin, the code compiled to JavaScript, templates and the Eleventy config", () => {
    const outside = packed.filter((file) => !/^(bin|lib|templates)\//.test(file) && !["package.json", "README.md", ".eleventy.js", "npm-shrinkwrap.json"].includes(file));
    expect(outside).toEqual([]);
    expect(packed).toContain("bin/castpress.js");
    expect(packed).toContain("lib/src/cli/main.js");
    expect(packed).toContain("lib/src/serve/client.js");
    expect(packed).toContain("lib/eleventy.config.js");
    expect(packed.filter((file) => file.endsWith(".ts"))).toEqual([]);
    expect(packed).toContain("templates/init/castpress.yaml.njk");
    expect(packed.some((file) => file.startsWith("test/") || file.startsWith("episodes/"))).toBe(false);
  });

  it("installs into a new publication on Node 20 without an engine warning", () => {
    expect(process.versions.node.split(".")[0]).toBe("20");
    expect(installWarnings).not.toMatch(/EBADENGINE/);
  });

  it("runs without devDependencies: no vitest, no TypeScript compiler or loader installed", async () => {
    const installed = await readdir(path.join(publication, "node_modules"));
    expect(installed).toContain("castpress");
    expect(installed).not.toContain("vitest");
    expect(installed).not.toContain("typescript");
    expect(installed).not.toContain("tsx");
    expect(installed).not.toContain("esbuild");
  });
});

describe("a publication made by castpress init, with the installed castpress", () => {
  it("checks clean: one first episode, no errors", async () => {
    const { stdout, stderr } = await castpress(["check"], publication);
    expect(stderr).toBe("");
    expect(stdout.trim()).toBe("1 episode checked: no errors");
  });

  it("starts a second episode with new, and email issues once email: is set", async () => {
    const { stdout } = await castpress(["new", "Second Issue", "--date", "2025-01-16"], publication);
    expect(stdout.trim()).toBe("episodes/2025-01-16-second-issue.md");
    await appendFile(
      path.join(publication, "castpress.yaml"),
      "email:\n  from: Strait Talk <letters@example.org>\n  postalAddress: 1 Example Street, Seoul\n",
    );
  });

  it("builds, says what to upload, and every link, asset, feed and email stays under /show/", async () => {
    const { stdout } = await castpress(["build"], publication);
    expect(stdout).toMatch(/^Built 1 episode in /m);
    expect(stdout).toContain(`upload the contents of dist/ to ${BASE_URL}`);
    const report = await crawlSite(path.join(publication, "dist"), BASE_URL);
    expect(report.problems).toEqual([]);
    expect(report.feeds).toEqual(["feed.xml"]);
    expect(report.checked).toBeGreaterThan(20);
    const welcome = (await readdir(path.join(publication, "dist/episodes")))[0]!;
    const { stdout: email } = await castpress(["email", welcome], publication);
    expect(email).toContain(`email/${welcome}.html`);
  });

  it("serves the preview under /show/", async () => {
    const server = spawn("npx", ["--no", "--", "castpress", "serve", "--port", "0"], { cwd: publication, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    server.stdout.on("data", (chunk) => (output += chunk));
    server.stderr.on("data", (chunk) => (output += chunk));
    try {
      const url = await eventually(async () => /castpress serve: (http:\/\/\S+)/.exec(output)?.[1], { seconds: 120, describe: () => output });
      expect(new URL(url).pathname).toBe("/show/");
      // serve answers at once and builds after (503 until then): the built archive answers 200.
      const page = await eventually(async () => (await fetch(url)).status === 200 && fetch(url), { seconds: 120, describe: () => output });
      expect(await page.text()).toContain("Welcome to Strait Talk");
    } finally {
      // npx runs castpress in a child: stop the whole group.
      process.kill(-server.pid!, "SIGINT");
    }
  });

  it("says which commands there are", async () => {
    const { stdout } = await castpress(["--help"], publication);
    for (const command of ["init", "new", "check", "build", "serve", "email", "send", "unsubscribe"]) expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
  });

  it("records an unsubscribe where git does not see it", async () => {
    const { stdout } = await castpress(["unsubscribe", "reader@example.org"], publication);
    expect(stdout).toContain("reader@example.org is unsubscribed");
    expect(await readdir(path.join(publication, ".castpress"))).toContain("unsubscribed.txt");
  });

  it("writes the files an author starts from, and a .gitignore that keeps subscribers out of git", async () => {
    const files = (await readdir(publication, { recursive: true })).filter((file) => !file.startsWith("node_modules") && !file.startsWith("dist") && !file.startsWith(".cache"));
    for (const file of ["castpress.yaml", "people.yaml", "package.json", "README.md", ".gitignore"]) expect(files).toContain(file);
    const ignored = await readFile(path.join(publication, ".gitignore"), "utf8");
    for (const line of ["dist/", ".cache/", "*.csv", ".castpress/"]) expect(ignored.split("\n")).toContain(line);
    const manifest = JSON.parse(await readFile(path.join(publication, "package.json"), "utf8"));
    expect(Object.keys(manifest.scripts)).toEqual(expect.arrayContaining(["build", "start", "check", "new"]));
  });
});
