import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layers of src/, bottom to top, as docs/design.md and the README's map of the code give
 * them. A module imports only from its own folder or from a layer below; folders that share a
 * layer (the three outputs) do not import each other.
 */
const LAYERS: string[][] = [
  ["text", "language", "files"],
  ["paths"],
  ["problems"],
  ["yaml"],
  ["config"],
  ["episode"],
  ["project"],
  ["rendering"],
  ["web", "feeds", "email"],
  ["eleventy"],
  ["build", "send"],
  ["serve"],
  ["cli"],
];

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SRC = path.join(REPO, "src");
/** Ambient type declarations for untyped packages: no layer, imported by nobody. */
const TYPE_DECLARATIONS = "types";
/** The Eleventy config lives at the package root, where Eleventy looks for it, but is the top of the eleventy layer. */
const ROOT_MODULES: Record<string, string> = { "eleventy.config.ts": "eleventy" };

describe("the layers of src/", () => {
  it("put every folder of src/ in a layer", async () => {
    const folders = (await readdir(SRC, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const loose = (await readdir(SRC, { withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(folders.filter((folder) => folder !== TYPE_DECLARATIONS && layerOf(folder) === undefined), "folders in no layer").toEqual([]);
    expect(loose, "modules directly in src/ (put each in the folder of its layer)").toEqual([]);
  });

  it("import only from their own folder or from a layer below", async () => {
    const upward: string[] = [];
    for (const module of await modules()) {
      const from = folderOf(module);
      for (const specifier of importsOf(module.text)) {
        if (!specifier.startsWith(".")) continue;
        const target = path.relative(REPO, path.resolve(path.dirname(path.join(REPO, module.file)), specifier));
        const to = folderOf({ file: target });
        if (to === undefined || to === from) continue;
        const [fromLayer, toLayer] = [layerOf(from!), layerOf(to)];
        if (fromLayer === undefined || toLayer === undefined || !(toLayer < fromLayer)) upward.push(`${module.file} imports ${target}: ${explain(from!, to)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it("are listed in the README's map of the code, bottom to top", async () => {
    const readme = await readFile(path.join(REPO, "README.md"), "utf8");
    const map = readme.slice(readme.indexOf("## Developing castpress"));
    // Rows of the layer table: "| 9 | `src/web/`, `src/feeds/`, `src/email/` | ..."
    const rows = [...map.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((row) => ({
      layer: Number(row[1]),
      folders: [...row[2]!.matchAll(/`src\/([\w-]+)\/`/g)].map((folder) => folder[1]),
    }));
    expect(rows.map((row) => row.folders)).toEqual(LAYERS);
    expect(rows.map((row) => row.layer)).toEqual(LAYERS.map((_, index) => index + 1));
  });
});

interface Module {
  file: string;
  text: string;
}

/** Every TypeScript and JavaScript module of src/, and the modules at the root that belong to a layer. */
async function modules(): Promise<Module[]> {
  const files = (await readdir(SRC, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)));
  files.push(...Object.keys(ROOT_MODULES));
  return Promise.all(files.map(async (file) => ({ file, text: await readFile(path.join(REPO, file), "utf8") })));
}

/** What a module imports: static and dynamic imports, `import type` and re-exports, as TypeScript reads them. */
function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((imported) => imported.fileName);
}

function folderOf(module: { file: string }): string | undefined {
  if (ROOT_MODULES[module.file]) return ROOT_MODULES[module.file];
  const parts = module.file.split(path.sep);
  return parts[0] === "src" && parts.length > 2 ? parts[1] : undefined;
}

function layerOf(folder: string): number | undefined {
  const index = LAYERS.findIndex((layer) => layer.includes(folder));
  return index === -1 ? undefined : index;
}

function explain(from: string, to: string): string {
  if (layerOf(from) === undefined) return `${from} is in no layer: add it to LAYERS and the README's map`;
  const below = LAYERS.slice(0, layerOf(from)).flat().join(", ");
  if (layerOf(to) === layerOf(from)) return `${from} and ${to} are side by side and may not import each other`;
  return `${from} may import only from ${below || "nothing"} (${to} is ${layerOf(to) === undefined ? "in no layer" : "above it"})`;
}
