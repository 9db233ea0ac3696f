import type { ParseArgsConfig } from "node:util";
import { UNSUBSCRIBE_SECRET_VARIABLE } from "../send/unsubscribe-links.ts";

/** What a command module exports: its options, and what it does with them. */
export interface Command {
  options: NonNullable<ParseArgsConfig["options"]>;
  /** Resolves to the exit code. */
  run(values: Record<string, string | boolean | (string | boolean)[] | undefined>, positionals: string[]): Promise<number>;
}

/** A command as the usage lists it; its module is loaded only when it runs, so `castpress --help` loads none. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: "init", summary: "start a new publication in a folder: init <folder> --title T --base-url URL --language en --time-zone Zone [--ci github]", load: async () => (await import("./commands/init.ts")).init },
  { name: "new", summary: 'start an episode from the skeleton: new "Title" [--date YYYY-MM-DD] [--slug s] [--audio FILE]', load: async () => (await import("./commands/new.ts")).newEpisode },
  { name: "check", summary: "report every problem in every episode, with file and line", load: async () => (await import("./commands/check.ts")).check },
  { name: "build", summary: "check, then build the web archive, feeds and emails into dist/ (--drafts, --out DIR)", load: async () => (await import("./commands/build.ts")).build },
  { name: "serve", summary: "preview the archive with drafts and live reload, plus each email and feed (--port, --host)", load: async () => (await import("./commands/serve.ts")).serve },
  { name: "email", summary: "render an episode's email issue (.html, .txt and the .eml MIME message) without a build (--all: every published one); --send-test ADDRESS sends it through SMTP_URL", load: async () => (await import("./commands/email.ts")).email },
  { name: "send", summary: `send an issue to every subscriber of --list (CSV) through SMTP_URL, exactly once, resumable; --rate N a second, --dry-run, --yes (needs service: castpress and ${UNSUBSCRIBE_SECRET_VARIABLE})`, load: async () => (await import("./commands/send.ts")).send },
  { name: "unsubscribe", summary: "record that an address gets no more issues from castpress send; --list FILE checks it is on that list", load: async () => (await import("./commands/unsubscribe.ts")).unsubscribe },
];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    "usage: castpress <command> [options]",
    "",
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
  ].join("\n");
}
