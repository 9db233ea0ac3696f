import { isMap, LineCounter, parseDocument, type Document } from "yaml";
import { z } from "zod";
import { didYouMean } from "../problems/did-you-mean.ts";
import type { ProblemList } from "../problems/problem.ts";

export interface CheckedYaml<T> {
  /** Undefined when anything is wrong, so nothing downstream sees unchecked data. */
  data?: T;
  /** The file line of the value at a path, for messages about it. */
  lineOf: (path: (string | number)[]) => number;
}

/**
 * Parses YAML and checks it against a zod schema, reporting every problem at its own line.
 * `firstLine` is the file line the YAML text starts on (2 for front matter after `---`).
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
    for (const error of document.errors) {
      problems.error(
        lineAt(error.pos[0]),
        `the YAML does not parse: ${firstSentence(error.message)}`,
        "check the indentation, and quote values that hold a colon or start with a special character",
      );
    }
    return { lineOf };
  }

  const result = schema.safeParse(document.toJS() ?? {});
  if (result.success) return { data: result.data, lineOf };

  for (const issue of result.error.issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const known = knownKeysAt(schema, path);
      for (const key of issue.keys) {
        problems.error(
          lineAt(keyOffset(document, [...path, key])),
          `unknown key "${[...path, key].join(".")}"${didYouMean(key, known)}`,
          `use one of: ${known.join(", ")}`,
        );
      }
      continue;
    }
    const hint = schemaAt(schema, path)?.description ?? "see the author's guide in README.md";
    const where = path.length > 0 ? `"${path.join(".")}": ` : "";
    problems.error(lineOf(path), `${where}${issue.message}`, hint);
  }
  return { lineOf };
}

function firstSentence(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function valueOffset(document: Document, path: (string | number)[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = document.getIn(path.slice(0, depth), true) as { range?: number[] } | undefined;
    if (node?.range) return node.range[0];
    if (depth > 0) {
      const key = keyOffset(document, path.slice(0, depth));
      if (key !== undefined) return key;
    }
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

function knownKeysAt(schema: z.ZodType, path: (string | number)[]): string[] {
  const target = unwrap(schemaAt(schema, path));
  return target instanceof z.ZodObject ? Object.keys(target.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault || current instanceof z.ZodNullable) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      return current;
    }
  }
}
