import { mkdir, mkdtemp, readdir, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { OUTPUT_MARKER, replaceableOutput } from "../../src/build/output-folder.ts";

/** A project as an author has it: config, episodes, templates, notes of their own, in a parent folder with other things. */
async function project(): Promise<string> {
  const parent = await mkdtemp(path.join(os.tmpdir(), "castpress-output-folder-"));
  const root = path.join(parent, "show");
  await mkdir(path.join(root, "episodes/2024"), { recursive: true });
  await mkdir(path.join(root, "templates/blocks"), { recursive: true });
  await mkdir(path.join(root, "notes"));
  await writeFile(path.join(root, "castpress.yaml"), "title: T\n");
  await writeFile(path.join(root, "notes/ideas.md"), "my ideas\n");
  await writeFile(path.join(root, "todo.txt"), "a file\n");
  await writeFile(path.join(parent, "other-project.txt"), "not castpress's\n");
  return root;
}

describe("which --out folder a build may replace", () => {
  let root: string;
  beforeEach(async () => {
    root = await project();
  });

  for (const [out, why] of [
    [".", /^\.: is the project folder itself — /],
    ["..", /^\.\.: holds the project folder — /],
    ["../..", /^\.\.\/\.\.: holds the project folder — /],
    ["episodes", /^episodes: is the episodes\/ folder, which castpress reads — /],
    ["episodes/2024", /^episodes\/2024: is inside episodes\/, which castpress reads — /],
    ["episodes/new-folder", /^episodes\/new-folder: is inside episodes\/, which castpress reads — /],
    ["templates", /^templates: is the templates\/ folder, which castpress reads — /],
    ["notes", /^notes: holds files castpress did not make \(ideas\.md\)/],
    ["todo.txt", /^todo\.txt: is a file, not a folder — /],
  ] as const) {
    it(`refuses --out ${out} in one line`, async () => {
      const error = await replaceableOutput(root, out).then(() => undefined, (caught: Error) => caught);
      expect(error?.message).toMatch(why);
      expect(error?.message).not.toContain("\n");
    });
  }

  it("refuses a folder the author linked dist to, when it holds their files", async () => {
    await symlink(path.join(root, "notes"), path.join(root, "dist"));
    await expect(replaceableOutput(root, "dist")).rejects.toThrow(/^dist: holds files castpress did not make/);
  });

  it("takes a new folder, an empty one, and one holding castpress's marker", async () => {
    expect(await replaceableOutput(root, "dist")).toBe(path.join(root, "dist"));
    await mkdir(path.join(root, "empty"));
    expect(await replaceableOutput(root, "empty")).toBe(path.join(root, "empty"));
    await mkdir(path.join(root, "public"));
    await writeFile(path.join(root, "public", OUTPUT_MARKER), "{}\n");
    await writeFile(path.join(root, "public", "index.html"), "<p>an earlier build</p>");
    expect(await replaceableOutput(root, "public")).toBe(path.join(root, "public"));
    expect(await replaceableOutput(root, "../site")).toBe(path.join(path.dirname(root), "site"));
  });

  it("follows a dist linked to a web root, so the web root is what gets replaced", async () => {
    const webRoot = await mkdtemp(path.join(os.tmpdir(), "castpress-web-root-"));
    await symlink(webRoot, path.join(root, "dist"));
    expect(await replaceableOutput(root, "dist")).toBe(webRoot);
    expect(await readdir(root)).toContain("dist");
  });
});
