import { isMap, LineCounter, parseDocument, visit, type Document } from "yaml";
import { z } from "zod";
import { xmlSafeDeep } from "../text/xml-text.ts";
import { didYouMean } from "../problems/did-you-mean.ts";
import type { ProblemList } from "../problems/problem.ts";
import { authorErrorMap, describeValue, keyLabel } from "./author-messages.ts";

export interface CheckedYaml<T> {
  /** Undefined when anything is wrong, so nothing downstream sees unchecked data. */
  data?: T;
  /**
   * When `data` is undefined but the YAML parsed: each top-level key whose value passed its
   * own check, so later checks (a date, a file) can still run and report in the same pass.
   */
  partial?: Partial<T>;
  /** The YAML as parsed, unchecked (undefined when it does not parse). */
  raw?: unknown;
  /** The file line of the value at a path, for messages about it. */
  lineOf: (path: (string | number)[]) => number;
}

/**
 * Parses YAML and checks it against a zod schema, reporting every problem at its own line.
 * `firstLine` is the file line the YAML text's first line is on.
 */
export function parseCheckedYaml<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  problems: ProblemList,
  firstLine = 1,
): CheckedYaml<z.output<Schema>> {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number =>
    offset === undefined ? firstLine : lineCounter.linePos(offset).line + firstLine - 1;
  const lineOf = (path: (string | number)[]): number => lineAt(valueOffset(document, path));

  if (document.errors.length > 0) {
    reportYamlErrors(document, text, lineAt, problems);
    return { lineOf };
  }

  // What no output can carry (control characters, lone surrogates: JSON-style \u escapes allow
  // them) is dropped here, once, so every output says the same.
  const js = expandAliases(document);
  if (!js.expanded) {
    problems.error(
      lineAt(js.firstAlias),
      "the YAML repeats values through aliases (*name) so often that it would grow too large to read",
      "write the values out instead of using & anchors and * aliases",
    );
    return { lineOf };
  }
  const raw: unknown = xmlSafeDeep(js.value);
  // An empty file (or one of comments only) is an empty config, or an empty list.
  const result = schema.safeParse(raw ?? (unwrap(schema) instanceof z.ZodObject ? {} : raw), { error: authorErrorMap });
  if (result.success) return { data: result.data, raw, lineOf };

  for (const issue of result.error.issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, path);
      const where = path.length > 0 ? ` in ${keyLabel(path)}` : "";
      for (const key of issue.keys) {
        problems.error(
          lineAt(keyOffset(document, [...path, key])),
          `unknown key "${key}"${where}${didYouMean(key, known)}`,
          `use one of: ${known.join(", ")}`,
        );
      }
      continue;
    }
    const hint = descriptionOf(schemaAt(schema, path)) ?? "see the author's guide in README.md";
    // A schema's own message ("is not a language tag") does not say what was written; show it.
    const ownMessage = issue.code === "custom" || (issue.code === "invalid_format" && issue.message.startsWith("is "));
    const value = ownMessage ? valueAt(raw, path) : undefined;
    const written = typeof value === "string" || typeof value === "number" ? ` ${describeValue(value)}` : "";
    const message = path.length > 0 ? `${keyLabel(path)}${written} ${issue.message}` : `the file ${issue.message}`;
    problems.error(lineOf(path), message, hint);
  }
  return { partial: salvage(schema, raw), raw, lineOf };
}

/**
 * The document as plain values. An alias repeats its anchor's value, so nested aliases grow
 * exponentially ("billion laughs"); the yaml package stops after 100 and throws, and this says
 * where the first alias is instead.
 */
function expandAliases(document: Document): { expanded: true; value: unknown } | { expanded: false; firstAlias: number | undefined } {
  try {
    return { expanded: true, value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let firstAlias: number | undefined;
    visit(document, {
      Alias(_, node) {
        firstAlias = node.range?.[0];
        return visit.BREAK;
      },
    });
    return { expanded: false, firstAlias };
  }
}
/** The yaml package's own default, said out loud: a real config or front matter is far below it. */
const MAX_ALIAS_COUNT = 100;

function valueAt(raw: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((value, key) => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined), raw);
}

/** The top-level keys whose values pass their own schema, when the whole does not. */
function salvage<Schema extends z.ZodType>(schema: Schema, raw: unknown): Partial<z.output<Schema>> | undefined {
  const object = unwrap(schema);
  if (!(object instanceof z.ZodObject) || typeof raw !== "object" || raw === null || Array.isArray(raw)) return undefined;
  const partial: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    const checked = field.safeParse((raw as Record<string, unknown>)[key]);
    if (checked.success && checked.data !== undefined) partial[key] = checked.data;
  }
  return partial as Partial<z.output<Schema>>;
}

/** One problem per line, in words an author can act on. */
function reportYamlErrors(document: Document, text: string, lineAt: (offset: number) => number, problems: ProblemList): void {
  const reported = new Set<number>();
  for (const error of document.errors) {
    let line = lineAt(error.pos[0]);
    let message = `the YAML does not parse: ${firstSentence(error.message)}`;
    let hint = "check the indentation, and quote values that hold a colon or start with a special character";
    const quote = /^Missing closing (["'])quote/.exec(error.message)?.[1];
    if (error.code === "MISSING_CHAR" && quote) {
      // The parser notices at the end of the text; the author needs the line the quote opens on.
      const opening = text.lastIndexOf(quote, error.pos[0] - 1);
      if (opening >= 0) line = lineAt(opening);
      message = `the value in ${quote === '"' ? "double" : "single"} quotes that starts here is never closed`;
      hint = `end it with ${quote} on the same line`;
    } else if (error.code === "DUPLICATE_KEY") {
      message = "this key appears a second time";
      hint = "keep one of the two";
    }
    if (reported.has(line)) continue;
    reported.add(line);
    problems.error(line, message, hint);
  }
}

function firstSentence(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/** Where the key of a value is written (the line an author looks at), else the value itself. */
function valueOffset(document: Document, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    if (depth > 0) {
      const key = keyOffset(document, path.slice(0, depth));
      if (key !== undefined) return key;
    }
    const node = document.getIn(path.slice(0, depth), true) as { range?: number[] } | undefined;
    if (node?.range) return node.range[0];
  }
  return undefined;
}

function keyOffset(document: Document, path: (string | number)[]): number | undefined {
  const parent = path.length === 1 ? document.contents : document.getIn(path.slice(0, -1), true);
  if (!isMap(parent)) return undefined;
  const pair = parent.items.find((item) => (item.key as { value?: unknown })?.value === path.at(-1));
  return (pair?.key as { range?: number[] } | undefined)?.range?.[0];
}

/** Walks the schema along a data path, through optionals, defaults, arrays and objects. */
function schemaAt(schema: z.ZodType, path: (string | number)[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const key of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = current.shape[key as string] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else return current;
    if (!current) return undefined;
  }
  return current;
}

/** A schema's description, which says what to write; wrappers (optional, default) may hide it. */
function descriptionOf(schema: z.ZodType | undefined): string | undefined {
  for (let current = schema; current; ) {
    if (current.description) return current.description;
    const inner = unwrap1(current);
    if (inner === current) return undefined;
    current = inner;
  }
  return undefined;
}

function knownKeysAt(schema: z.ZodType, path: (string | number)[]): string[] {
  const target = unwrap(schemaAt(schema, path));
  return target instanceof z.ZodObject ? Object.keys(target.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current && unwrap1(current) !== current) current = unwrap1(current);
  return current;
}

/** One layer of optional, default, nullable or pipe (a transform before or after) off a schema. */
function unwrap1(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) {
    return schema.unwrap() as z.ZodType;
  }
  if (schema instanceof z.ZodPipe) return (schema.in instanceof z.ZodTransform ? schema.out : schema.in) as z.ZodType;
  return schema;
}
