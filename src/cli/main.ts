import { parseArgs } from "node:util";
import { formatProblem, InputError } from "../problems/problem.ts";
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
  if (error instanceof InputError) {
    for (const problem of error.problems) console.error(formatProblem(problem));
  } else if (error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`castpress ${command.name}: ${error.message}\n\n${usage()}`);
  } else {
    console.error(`castpress ${command.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = process.exitCode || 1;
}
