// npm's prepack and postpack: a packed castpress carries its TypeScript compiled to JavaScript
// (lib/), so that an installed copy loads as plain Node.js does, without tsx's loader hooks,
// and the exact dependency tree the tests ran (npm-shrinkwrap.json, from package-lock.json).
// A checkout runs src/ as it is; lib/ exists only while npm packs.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const step = process.argv[2];

if (step === "prepare") {
  rmSync(path.join(root, "lib"), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });
  // What the code reads at run time beside its modules (the live-reload client).
  for (const asset of readdirSync(path.join(root, "src"), { recursive: true }).filter((file) => file.endsWith(".js"))) {
    const target = path.join(root, "lib/src", asset);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(root, "src", asset), target);
  }
  copyFileSync(path.join(root, "package-lock.json"), path.join(root, "npm-shrinkwrap.json"));
} else if (step === "clean") {
  rmSync(path.join(root, "lib"), { recursive: true, force: true });
  rmSync(path.join(root, "npm-shrinkwrap.json"), { force: true });
} else {
  throw new Error(`scripts/pack.mjs: expected "prepare" or "clean", not ${step}`);
}
