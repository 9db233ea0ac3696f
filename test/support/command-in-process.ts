import { format } from "node:util";
import { vi } from "vitest";
import type { Command } from "../../src/cli/commands.ts";
import { describeError } from "../../src/problems/describe-error.ts";
import type { CliResult } from "./castpress-cli.ts";

/**
 * Runs one command's module in this process, with the options and words the CLI would have
 * parsed from its arguments, and returns its exit code and what it printed; a failure ends as
 * the CLI ends it (exit code 1, its lines on stderr). For what a command makes, where a child
 * process per case would only add Node's start-up and the loading of every module again.
 */
export async function runInProcess(command: Command, values: Record<string, string | boolean>, positionals: string[]): Promise<CliResult> {
  const printed = { stdout: [] as string[], stderr: [] as string[] };
  const capture = (stream: keyof typeof printed) => (...args: unknown[]) => void printed[stream].push(`${format(...args)}\n`);
  const spies = [
    vi.spyOn(console, "log").mockImplementation(capture("stdout")),
    vi.spyOn(console, "warn").mockImplementation(capture("stderr")),
    vi.spyOn(console, "error").mockImplementation(capture("stderr")),
  ];
  let code: number;
  try {
    code = await command.run(values, positionals);
  } catch (error) {
    printed.stderr.push(...describeError(error).map((line) => `${line}\n`));
    code = 1;
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return { code, stdout: printed.stdout.join(""), stderr: printed.stderr.join("") };
}
