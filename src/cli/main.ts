import { parseArgs } from "node:util";
import { describeError } from "../problems/describe-error.ts";
import { COMMANDS, usage } from "./commands.ts";

/** `castpress <command> [options]`: each command is one module under commands/. */
const [name, ...rest] = process.argv.slice(2);
const entry = COMMANDS.find((candidate) => candidate.name === name);
if (!entry) {
  console.log(usage());
  process.exit(name === undefined || name === "help" || name === "--help" ? 0 : 2);
}

/** Every failure ends as one line per error on stderr, never a stack trace, and exit code 1. */
const fail = (error: unknown): void => {
  for (const line of describeError(error)) console.error(line);
  process.exitCode = 1;
};
process.on("uncaughtException", (error) => {
  fail(error);
  process.exit(1);
});
process.on("unhandledRejection", (error) => {
  fail(error);
  process.exit(1);
});

let settled = false;
// A library whose helper process died (Pagefind, say) can leave the command waiting for an
// answer that never comes: Node would end with a warning and code 13 instead of a message.
process.on("beforeExit", () => {
  if (settled) return;
  fail(new Error(`the command stopped before it finished: a helper process (such as Pagefind's) ended unexpectedly`));
  process.exit(1);
});

run().finally(() => (settled = true));

async function run(): Promise<void> {
  try {
    const command = await entry!.load();
    const { values, positionals } = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
    process.exitCode = await command.run(values, positionals);
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS")) {
      console.error(`castpress ${entry!.name}: ${error.message}\n\n${usage()}`);
      process.exitCode = 2;
    } else {
      fail(error);
    }
  }
}
