import type { ParseArgsConfig } from "node:util";
import { build } from "./commands/build.ts";
import { check } from "./commands/check.ts";
import { email } from "./commands/email.ts";
import { init } from "./commands/init.ts";
import { newEpisode } from "./commands/new.ts";
import { send } from "./commands/send.ts";
import { serve } from "./commands/serve.ts";
import { unsubscribe } from "./commands/unsubscribe.ts";

export interface Command {
  name: string;
  summary: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Resolves to the exit code. */
  run(values: Record<string, string | boolean | (string | boolean)[] | undefined>, positionals: string[]): Promise<number>;
}

export const COMMANDS: Command[] = [init, newEpisode, check, build, serve, email, send, unsubscribe];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    "usage: castpress <command> [options]",
    "",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
  ].join("\n");
}
