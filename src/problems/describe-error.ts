import { formatProblem, InputError } from "./problem.ts";

/**
 * What went wrong, as lines an author can act on: every problem of an InputError, or the
 * chain of messages of a template or MJML failure (Eleventy wraps the real one), never a
 * stack trace.
 */
export function describeError(error: unknown): string[] {
  if (error instanceof InputError) return error.problems.map(formatProblem);
  const messages: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const message = current instanceof Error ? current.message : String(current);
    if (message && !messages.includes(message)) messages.push(message);
    const next = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
    if (next instanceof InputError) return next.problems.map(formatProblem);
    current = next;
  }
  return messages.length > 0 ? [messages.join("\n  caused by: ")] : ["the build failed for an unknown reason"];
}
