import path from "node:path";
import { PACKAGE_ROOT } from "../paths/package-files.ts";

/** The npm scripts of castpress's own package.json, by the command they run. */
const CLONE_SCRIPTS: Record<string, string> = { init: "npm run init --", new: "npm run new --", check: "npm run check --", build: "npm run build --", serve: "npm start --", email: "npm run email --" };

/**
 * A castpress command as the reader types it where they are: `npm run new -- "Title"` in a
 * clone of castpress (the project is castpress's own folder), `npx castpress new "Title"` in a
 * publication that depends on castpress. Messages name commands through it.
 */
export function commandLine(root: string, command: string, args = ""): string {
  const inClone = path.resolve(root) === PACKAGE_ROOT && CLONE_SCRIPTS[command];
  const line = inClone ? CLONE_SCRIPTS[command]! : `npx castpress ${command}`;
  return args ? `${line} ${args}` : line.replace(/ --$/, "");
}
