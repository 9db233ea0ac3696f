import type { z } from "zod";

/**
 * Zod's messages are for programmers ("Invalid input: expected string, received undefined").
 * These say, in an author's words, what is wrong with the value: the caller puts the key's
 * name in front ("episode must be 1 or more, not 0") and the schema's description after, as
 * what to do. Messages a schema sets itself take precedence over these.
 */
export const authorErrorMap: z.core.$ZodErrorMap = (issue) => {
  const found = describeValue(issue.input);
  if (issue.code === "invalid_type" || issue.code === "invalid_union") {
    if (issue.input === undefined) return "is missing";
    if (issue.input === null) return "is empty";
  }
  switch (issue.code) {
    case "invalid_type":
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${found}`;
    case "too_small":
      return tooSmall(issue.origin, Number(issue.minimum), issue.inclusive !== false, found);
    case "too_big":
      return tooBig(issue.origin, Number(issue.maximum), issue.inclusive !== false, issue.input);
    case "invalid_value":
      return `must be ${listOf(issue.values.map(String))}, not ${found}`;
    case "invalid_format":
      return `${found} is not ${FORMATS[issue.format] ?? "in the expected form"}`;
    case "invalid_union":
      return `cannot be ${found}`;
    case "custom":
      return "is not valid";
    default:
      return undefined;
  }
};

/** How a key is named in a message: `audio.length`, `people entry 3, name`, `entry 2`. */
export function keyLabel(path: readonly (string | number)[]): string {
  let label = "";
  let afterEntry = false;
  for (const key of path) {
    if (typeof key === "number") {
      label = `${label}${label ? " " : ""}entry ${key + 1}`;
      afterEntry = true;
    } else {
      label = label === "" ? key : `${label}${afterEntry ? ", " : "."}${key}`;
      afterEntry = false;
    }
  }
  return label;
}

/** A value as the author wrote it, for "not ..." in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") return "a group of key: value lines";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a group of key: value lines",
  date: "a date",
};

const FORMATS: Record<string, string> = {
  url: "a web address (https://...)",
  email: "an email address",
  uuid: "a UUID",
  regex: "in the expected form",
};

function tooSmall(origin: string, minimum: number, inclusive: boolean, found: string): string {
  if (origin === "string") return minimum <= 1 ? "is empty" : `must be at least ${minimum} characters long`;
  if (origin === "array") return `needs at least ${minimum} entr${minimum === 1 ? "y" : "ies"}`;
  if (origin === "int" && !inclusive) return `must be ${minimum + 1} or more, not ${found}`;
  return `must be ${inclusive ? "at least" : "more than"} ${minimum}, not ${found}`;
}

function tooBig(origin: string, maximum: number, inclusive: boolean, input: unknown): string {
  if (origin === "string") {
    const length = typeof input === "string" ? ` (it has ${input.length})` : "";
    return `is longer than ${maximum} characters${length}`;
  }
  if (origin === "array") return `has more than ${maximum} entries`;
  return `must be ${inclusive ? "at most" : "less than"} ${maximum}, not ${describeValue(input)}`;
}

function listOf(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}
