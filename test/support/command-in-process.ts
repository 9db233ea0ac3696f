import { format } from "node:util";
import { vi } from "vitest";
import type { Command } from "../../src/cli/commands.ts";
import type { CliResult } from "./castpress-cli.ts";

/**
 * Runs one command's module in this process, with the options and words the CLI would have
 * parsed from its arguments, and returns its exit code and what it printed: for the command's
 * own logic, where a child process per case would only add Node's start-up.
 */
export async function runInProcess(command: Command, values: Record<string, string | boolean>, positionals: string[]): Promise<CliResult> {
  const printed = { stdout: [] as string[], stderr: [] as string[] };
  const capture = (stream: keyof typeof printed) => (...args: unknown[]) => void printed[stream].push(`${format(...args)}\n`);
  const spies = [
    vi.spyOn(console, "log").mockImplementation(capture("stdout")),
    vi.spyOn(console, "warn").mockImplementation(capture("stderr")),
    vi.spyOn(console, "error").mockImplementation(capture("stderr")),
  ];
  try {
    const code = await command.run(values, positionals);
    return { code, stdout: printed.stdout.join(""), stderr: printed.stderr.join("") };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}
