/** A mistake in the author's input, located so it can be fixed. */
export interface Problem {
  severity: "error" | "warning";
  /** Path relative to the project root, as the author would type it. */
  file: string;
  /** 1-based line; 1 when the problem concerns the file as a whole. */
  line: number;
  message: string;
  /** What to do about it. */
  hint: string;
}

export function formatProblem(problem: Problem): string {
  const label = problem.severity === "warning" ? "warning: " : "";
  return `${problem.file}:${problem.line}: ${label}${problem.message} — ${problem.hint}`;
}

/** Gathers problems from one file so they can all be reported together. */
export class ProblemList {
  readonly items: Problem[] = [];

  constructor(readonly file: string) {}

  error(line: number, message: string, hint: string): void {
    this.items.push({ severity: "error", file: this.file, line, message, hint });
  }

  warning(line: number, message: string, hint: string): void {
    this.items.push({ severity: "warning", file: this.file, line, message, hint });
  }
}

/**
 * Problems as an author works through them: the config, then the people directory, then
 * each episode file in name order, each from its first line down.
 */
export function inReadingOrder(problems: readonly Problem[], firstFiles: readonly string[]): Problem[] {
  const rank = (file: string): number => {
    const index = firstFiles.indexOf(file);
    return index >= 0 ? index : firstFiles.length;
  };
  return [...problems].sort(
    (a, b) => rank(a.file) - rank(b.file) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line,
  );
}

export const hasErrors = (problems: readonly Problem[]): boolean =>
  problems.some((problem) => problem.severity === "error");

/** Thrown only at the boundary (build, serve) when input has errors; carries every problem. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "InputError";
  }
}
