import { parseArgs } from "node:util";
import { describeError } from "../problems/describe-error.ts";
import { COMMANDS, usage } from "./commands.ts";

/** `castpress <command> [options]`: each command is one module under commands/. */
const [name, ...rest] = process.argv.slice(2);
const command = COMMANDS.find((candidate) => candidate.name === name);
if (!command) {
  console.log(usage());
  process.exit(name === undefined || name === "help" || name === "--help" ? 0 : 2);
}

try {
  const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  process.exitCode = await command.run(values, positionals);
} catch (error) {
  if (error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`castpress ${command.name}: ${error.message}\n\n${usage()}`);
  } else {
    for (const line of describeError(error)) console.error(line);
  }
  process.exitCode = process.exitCode || 1;
}
