import { readFileSync } from "node:fs";
import path from "node:path";
import { TEMPLATES_DIR } from "../paths/package-files.ts";
import { formatProblem, InputError } from "./problem.ts";

/**
 * A failure the author can act on, said in one line: where, what went wrong, what to do.
 * Thrown where castpress refuses a request (an --out folder it must not replace, say).
 */
export class AuthorError extends Error {
  constructor(
    readonly where: string,
    readonly what: string,
    readonly hint: string,
  ) {
    super(`${where}: ${what} — ${hint}`);
    this.name = "AuthorError";
  }
}

/** An unexpected failure, with what castpress was doing and which file it was touching. */
export class StepFailed extends Error {
  constructor(
    readonly doing: string,
    readonly file: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`${doing} failed`);
    this.name = "StepFailed";
  }
}

/**
 * Runs one step of a command, so that an unexpected failure in it says what castpress was
 * doing ("writing the site into dist/") and, where the failure does not name one, the file.
 */
export async function during<T>(doing: string, file: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InputError || error instanceof AuthorError || error instanceof StepFailed) throw error;
    throw new StepFailed(doing, file, error);
  }
}

/**
 * What went wrong, as lines an author can act on, each one line and never a stack trace:
 * every problem of an InputError (`file:line: what — what to do`), a refusal, or for anything
 * else where it happened, what castpress was doing and the deepest reason (Eleventy wraps the
 * real error of a template or a write in its own).
 */
export function describeError(error: unknown): string[] {
  if (error instanceof InputError) return error.problems.map(formatProblem);
  const step = error instanceof StepFailed ? error : undefined;
  const chain = causes(step ? step.cause : error);
  const input = chain.find((link): link is InputError => link instanceof InputError);
  if (input) return input.problems.map(formatProblem);
  const refusal = chain.find((link): link is AuthorError => link instanceof AuthorError);
  if (refusal) return [oneLine(refusal.message)];

  const system = chain.find((link): link is NodeJS.ErrnoException => link instanceof Error && typeof (link as NodeJS.ErrnoException).code === "string" && (link as NodeJS.ErrnoException).syscall !== undefined);
  const where = displayPath(system?.path ?? step?.file);
  const doing = step ? `${step.doing} failed` : undefined;
  if (system) {
    const { reason, hint } = SYSTEM_ERRORS[system.code!] ?? { reason: oneLine(system.message), hint: "fix the cause above, then run the command again" };
    return [[where, doing, reason].filter(Boolean).join(": ") + ` — ${hint}`];
  }
  // The innermost error says what went wrong; the wrappers (Eleventy's, Nunjucks') say where in castpress's own templates.
  const innermost = chain.findLast((link) => link instanceof Error && link.message) ?? chain.at(-1);
  const reason = withoutTemplateTrail(innermost instanceof Error ? innermost.message : String(innermost ?? "")) || "an unknown error";
  const messages = chain.map((link) => (link instanceof Error ? link.message : ""));
  const template = templateLocation(messages);
  if (template) {
    const rendering = messages.map((message) => RENDERING.exec(message)?.[1]).find(Boolean);
    const line = template.line ?? unknownFilterLine(template.file, reason);
    const at = `${displayPath(template.file)}${line ? `:${line}` : ""}`;
    // castpress's own templates are not the author's to edit: what they were given is the likelier fault.
    const own = !path.relative(TEMPLATES_DIR, template.file).startsWith("..");
    const hint = own
      ? "castpress's own template failed: if a template in your templates/ folder includes it, check what yours gives it; otherwise please report it"
      : "fix the template, then run the command again";
    return [`${[at, doing, reason].filter(Boolean).join(": ")}${rendering ? ` (while rendering ${rendering})` : ""} — ${hint}`];
  }
  return [[doing, reason].filter(Boolean).join(": ")];
}

/**
 * Nunjucks names an unknown filter without its line (it finds out while compiling): the first
 * line of the template that applies a filter of that name.
 */
function unknownFilterLine(file: string, reason: string): number | undefined {
  const filter = /^filter not found: ([\w$]+)$/.exec(reason)?.[1];
  if (!filter) return undefined;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  const applied = new RegExp(`\\|\\s*${filter.replace(/\$/g, "\\$")}\\b`);
  const index = text.split("\n").findIndex((line) => applied.test(line));
  return index >= 0 ? index + 1 : undefined;
}

/** castpress's own wrapper of a template's failure (src/rendering/template-environments.ts). */
const RENDERING = /failed while rendering (\S+?):/;

/**
 * Where in the templates a Nunjucks error happened: the last "(file) [Line n, Column m]" of its
 * trail, the innermost template. A compile error (an unknown filter) has the file but no line.
 * Nunjucks counts lines from 0 for an error while rendering (a JavaScript error, or one from an
 * included template) and from 1 for a syntax error; the line given here counts from 1.
 */
function templateLocation(messages: string[]): { file: string; line?: number } | undefined {
  let found: { file: string; line?: number } | undefined;
  for (const message of messages) {
    for (const [, file, line, next] of message.matchAll(/\(((?:\.{0,2}\/)[^()]*?\.njk)\)(?: \[Line (\d+), Column \d+\])?(?=(?:[ \t]*\n\s*([^\n]*))?)/g)) {
      const fromZero = /^(?:Error:|Template render error:)/.test(next ?? "");
      // A line given further out for the same file stands until a deeper one is given.
      const known = found && found.file === file ? found.line : undefined;
      const at = line ? Number(line) + (fromZero ? 1 : 0) : known;
      found = { file: file!, ...(at !== undefined && { line: at }) };
    }
  }
  return found;
}

/** Hints for the faults of the file system an author can meet, by Node's error code. */
const SYSTEM_ERRORS: Record<string, { reason: string; hint: string }> = {
  ENOSPC: { reason: "the disk is full (ENOSPC)", hint: "free some space, then run the command again; the previous output is as it was" },
  EDQUOT: { reason: "your disk quota is used up (EDQUOT)", hint: "free some space, then run the command again; the previous output is as it was" },
  EACCES: { reason: "permission denied (EACCES)", hint: "make it readable and writable for you (chmod -R u+rw), then run the command again" },
  EPERM: { reason: "operation not permitted (EPERM)", hint: "make it readable and writable for you (chmod -R u+rw; chattr -i if it is immutable), then run the command again" },
  EROFS: { reason: "the file system is read-only (EROFS)", hint: "build onto a writable disk (--out DIR), or mount this one read-write" },
  ENOENT: { reason: "no such file or folder (ENOENT)", hint: "check that it exists, then run the command again" },
  ENOTDIR: { reason: "a file stands where a folder should be (ENOTDIR)", hint: "move that file away, then run the command again" },
  EISDIR: { reason: "a folder stands where a file should be (EISDIR)", hint: "move that folder away, then run the command again" },
  EMFILE: { reason: "too many open files (EMFILE)", hint: "raise the limit (ulimit -n 4096), then run the command again" },
  EIO: { reason: "the disk reported an input/output error (EIO)", hint: "check the disk, then run the command again" },
  EBUSY: { reason: "it is in use (EBUSY)", hint: "close what holds it (a server, an editor), then run the command again" },
};

/** The error, then what it wraps: Eleventy's originalError, a cause. */
function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    chain.push(current);
    const next = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    current = next;
  }
  return chain;
}

/** A path as the author would type it: relative to where they run castpress, when inside it. */
function displayPath(file: string | undefined): string | undefined {
  if (!file) return undefined;
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative === "" ? "." : relative.startsWith("..") ? file : relative;
}

/**
 * Nunjucks nests each template's error in the next one's message, line by line: "(file)",
 * "Template render error: (file)", "Error: what". Kept: what each line says, without the
 * template paths castpress's own wrappers already name and without stack lines.
 */
function withoutTemplateTrail(message: string): string {
  return oneLine(
    message
      .split("\n")
      .filter((line) => !STACK_LINE.test(line.trim()))
      .map((line) =>
        line
          .trim()
          .replace(/^Template render error:\s*/, "")
          .replace(/^Error:\s*/, "")
          .replace(/:?\s*\((?:\.{0,2}\/)[^()]*\)$/, ":")
          .replace(/^\((?:\.{0,2}\/)[^()]*\)\s*/, ""),
      )
      .filter((line) => line && line !== ":")
      .join("\n"),
  )
    .replace(/\S+ failed while rendering \S+?: /g, "")
    .replace(/\[Line \d+, Column \d+\]\s*/g, "")
    .replace(/:(\s*:)+/g, ":")
    .replace(/:$/, "");
}

const STACK_LINE = /^at .+:\d+:\d+\)?$/;

/** Messages of libraries span lines (MJML, Eleventy): one line, in their order. */
const oneLine = (text: string): string =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !STACK_LINE.test(line))
    .join(" ");
