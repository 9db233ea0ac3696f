import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { copyDigest } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/** A copy of the sample whose castpress.yaml is edited by `edit`, as an author starting from a clone would. */
async function sampleWith(edit: (config: string) => string): Promise<string> {
  const project = await copyDigest();
  const file = path.join(project, "castpress.yaml");
  await writeFile(file, edit(await readFile(file, "utf8")));
  return project;
}

describe("check on a publication's art", () => {
  it("warns while a publication of another name keeps the sample's art, naming the line of image:", async () => {
    const project = await sampleWith((config) => config.replace(/^title: .*$/m, "title: My Own Show"));
    const result = await runInProcess(check, { root: project }, []);
    const imageLine = (await readFile(path.join(project, "castpress.yaml"), "utf8")).split("\n").indexOf("image: episodes/art/cover.png") + 1;
    expect(result.stderr.trimEnd()).toBe(
      `castpress.yaml:${imageLine}: warning: the art episodes/art/cover.png is castpress's sample art, made for "Across the Strait" — replace it with your own square JPEG or PNG of 1400 to 3000 pixels a side: podcast apps and link previews show it`,
    );
    expect(result.code).toBe(0);
  });

  it("warns when episodes have audio but there is no art at all, even without a podcast section", async () => {
    const project = await sampleWith((config) => config.replace(/^image: .*\n/m, "").replace(/^podcast:\n(?: {2}.*\n)+/m, ""));
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr).toMatch(/^castpress\.yaml:\d+: warning: 1 episode has audio, but the publication has no art — add image: /m);
    const episodes = (await readdir(path.join(project, "episodes"))).filter((name) => name.endsWith(".md"));
    expect(result.stdout.trim()).toBe(`${episodes.length} episodes checked: no errors, 1 warning`);
  });

  it("says nothing when the art is the publication's own", async () => {
    const project = await sampleWith((config) => config.replace(/^title: .*$/m, "title: My Own Show").replace("image: episodes/art/cover.png", "image: episodes/art/own.png"));
    await writeFile(path.join(project, "episodes/art/own.png"), Buffer.concat([await readFile(path.join(project, "episodes/art/cover.png")), Buffer.from([0])]));
    const result = await runInProcess(check, { root: project }, []);
    expect(result.stderr).toBe("");
  });
});
