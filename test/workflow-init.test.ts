import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { castpress, REPO_ROOT } from "./support/castpress-cli.ts";

const FLAGS = ["--title", 'Strait "Talk" & <Co>', "--base-url", "https://example.org/show/", "--language", "en", "--time-zone", "Asia/Seoul"];
const workspace = () => mkdtemp(path.join(os.tmpdir(), "castpress-init-"));

describe("castpress init", () => {
  it("makes a publication whose config holds the settings as given and whose first episode passes check", async () => {
    const dir = await workspace();
    const made = await castpress(["init", "my-show", ...FLAGS, "--ci", "github"], { cwd: dir });
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toContain("cd my-show\n  npm install\n  npx castpress build");
    const show = path.join(dir, "my-show");
    const config = parseYaml(await readFile(path.join(show, "castpress.yaml"), "utf8"));
    expect(config).toMatchObject({ title: 'Strait "Talk" & <Co>', baseUrl: "https://example.org/show/", language: "en", timeZone: "Asia/Seoul" });
    // Optional sections are there for the author, commented out.
    expect(config.podcast).toBeUndefined();
    expect(await readFile(path.join(show, "castpress.yaml"), "utf8")).toMatch(/^# podcast:$/m);
    const workflow = await readFile(path.join(show, ".github/workflows/publish.yml"), "utf8");
    expect(parseYaml(workflow).on.schedule[0].cron).toBeTruthy();
    expect(workflow).toContain("npx castpress build");
    // The steps in order: the cache of the last run is restored before the build.
    const steps: { uses?: string; run?: string; with?: { path?: string; key?: string } }[] = parseYaml(workflow).jobs.publish.steps;
    const cache = steps.findIndex((step) => step.uses?.startsWith("actions/cache@"));
    expect(steps[cache]?.with).toMatchObject({ path: ".cache/castpress", key: "castpress-${{ github.sha }}" });
    expect(cache).toBeLessThan(steps.findIndex((step) => step.run === "npx castpress build"));
    const manifest = JSON.parse(await readFile(path.join(show, "package.json"), "utf8"));
    expect(manifest.dependencies).toHaveProperty("castpress");
    const checked = await castpress(["check"], { cwd: show });
    expect(checked.stderr).toBe("");
    expect(checked.stdout.trim()).toBe("1 episode checked: no errors");
  });

  it("never writes into a folder that is not empty", async () => {
    const dir = await workspace();
    await mkdir(path.join(dir, "taken"));
    await writeFile(path.join(dir, "taken/notes.txt"), "mine");
    const result = await castpress(["init", "taken", ...FLAGS], { cwd: dir });
    expect(result.stderr.trim()).toBe("castpress init: taken is not empty: give a new folder, or an empty one; nothing was written");
    expect(result.code).toBe(1);
    expect(await readdir(path.join(dir, "taken"))).toEqual(["notes.txt"]);
  });

  it("asks for missing flags only on a terminal: elsewhere it names them and writes nothing", async () => {
    const dir = await workspace();
    const result = await castpress(["init", "my-show", "--title", "Strait Talk"], { cwd: dir });
    expect(result.stderr.trim()).toBe("castpress init: give --base-url, --language, --time-zone (asked for only on a terminal)");
    expect(result.code).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });

  // util-linux's script(1) gives init a terminal, as an author's shell would; the answers are typed ahead.
  it.runIf(existsSync("/usr/bin/script"))("asks on a terminal for each missing flag, in order", async () => {
    const dir = await workspace();
    const command = `${process.execPath} ${path.join(REPO_ROOT, "bin/castpress.js")} init my-show --title 'Asked Show'`;
    const child = execFile("script", ["-qec", command, "/dev/null"], { cwd: dir });
    child.stdin!.end("https://example.org/show/\nen-GB\nEurope/London\n");
    let output = "";
    child.stdout!.on("data", (chunk) => (output += chunk));
    await new Promise((resolve) => child.on("close", resolve));
    expect(output).toMatch(/Where it will be published[^\n]*: /);
    const config = parseYaml(await readFile(path.join(dir, "my-show/castpress.yaml"), "utf8"));
    expect(config).toMatchObject({ title: "Asked Show", baseUrl: "https://example.org/show/", language: "en-GB", timeZone: "Europe/London" });
  });

  it("refuses settings the config check refuses, with its messages, and writes nothing", async () => {
    const dir = await workspace();
    const result = await castpress(["init", "my-show", "--title", "T", "--base-url", "example.org", "--language", "en", "--time-zone", "Asia/Soul"], { cwd: dir });
    expect(result.stderr).toContain('baseUrl "example.org" is not a web address');
    expect(result.stderr).toContain('timeZone "Asia/Soul" is not an IANA time zone (did you mean "Asia/Seoul"?)');
    expect(result.code).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });
});
