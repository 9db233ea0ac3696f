import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import { TEMPLATES_DIR } from "../paths/package-files.ts";
import { TEMPLATE_OVERRIDES_DIR } from "../paths/project-files.ts";
import { ProblemList, type Problem } from "../problems/problem.ts";

/** Names every template sees without castpress passing them: Nunjucks' own, and Eleventy's page data. */
const ALWAYS_THERE = new Set(["loop", "caller", "super", "range", "cycler", "joiner", "page", "eleventy", "pagination", "collections", "permalink"]);

/**
 * Warns about each override in the project's templates/ that reads a variable none of castpress's
 * templates reads any more: after an upgrade renamed or removed it, the override would show
 * nothing where it showed something. Best effort, from the templates' syntax alone: it checks
 * top-level names (`episode`, `issue`), not their fields (`episode.audio.url`), and a name set
 * anywhere in the override (set, for, macro, import) counts as the override's own.
 */
export async function checkTemplateOverrides(root: string): Promise<Problem[]> {
  const overrides = path.join(root, TEMPLATE_OVERRIDES_DIR);
  if (path.resolve(overrides) === TEMPLATES_DIR) return [];
  const files = (await readdir(overrides, { recursive: true }).catch(() => [] as string[])).filter((file) => file.endsWith(".njk"));
  if (files.length === 0) return [];
  const known = new Set(ALWAYS_THERE);
  for (const file of (await readdir(TEMPLATES_DIR, { recursive: true })).filter((name) => name.endsWith(".njk"))) {
    for (const name of readNames(await readFile(path.join(TEMPLATES_DIR, file), "utf8")).keys()) known.add(name);
  }
  const problems: Problem[] = [];
  for (const file of files) {
    const shown = path.join(TEMPLATE_OVERRIDES_DIR, file).split(path.sep).join("/");
    const list = new ProblemList(shown);
    let names: Map<string, number>;
    try {
      names = readNames(await readFile(path.join(overrides, file), "utf8"));
    } catch (error) {
      list.error(1, `this template is not valid Nunjucks: ${(error as Error).message.replace(/^\(unknown path\)\s*/, "")}`, "fix its syntax");
      problems.push(...list.items);
      continue;
    }
    for (const [name, line] of names) {
      if (known.has(name)) continue;
      list.warning(
        line,
        `"${name}" is not a variable castpress gives its templates (any more)`,
        `compare this file with node_modules/castpress/templates/${file.split(path.sep).join("/")}, and use the name it uses`,
      );
    }
    problems.push(...list.items);
  }
  return problems;
}

// Nunjucks' own parser (exported, though @types/nunjucks does not declare it): the syntax exactly as rendering reads it.
const parser = (nunjucks as unknown as { parser: { parse(source: string, extensions: unknown[], options: object): unknown } }).parser;

type AstNode = { typename: string; lineno: number; value?: unknown; fields?: string[]; [field: string]: unknown };

/** The top-level names a template reads and does not define itself, each with the line of its first use. */
function readNames(source: string): Map<string, number> {
  const read = new Map<string, number>();
  const defined = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach((child) => visit(child));
    const ast = node as AstNode;
    if (ast.typename === "Symbol" && typeof ast.value === "string") {
      if (!read.has(ast.value)) read.set(ast.value, ast.lineno + 1);
      return;
    }
    if (ast.typename === "LookupVal") return visit(ast.target); // the field (`.title`) is not a variable
    if (ast.typename === "KeywordArgs" || ast.typename === "Dict") {
      for (const pair of (ast.children as AstNode[] | undefined) ?? []) visit(pair.value);
      return;
    }
    for (const target of definedBy(ast)) defined.add(target);
    const fields = ast.fields ?? [];
    for (const field of fields) if (!DEFINING_FIELDS[ast.typename]?.includes(field)) visit(ast[field]);
    if (!fields.includes("children")) visit(ast.children);
  };
  visit(parser.parse(source, [], {}));
  for (const name of defined) read.delete(name);
  return read;
}

/** Fields that name something rather than read it: a filter's name, a set's target, a for's loop variable, a macro's parameters. */
const DEFINING_FIELDS: Record<string, string[]> = {
  Filter: ["name"],
  FilterAsync: ["name"],
  Set: ["targets"],
  For: ["name"],
  AsyncEach: ["name"],
  AsyncAll: ["name"],
  Macro: ["name", "args"],
  Caller: ["name", "args"],
  Import: ["target"],
  FromImport: ["names"],
  Block: ["name"],
  CallExtension: ["extName", "prop"],
};

/** The names a node defines: what set, for, macro and import bring into the template. */
function definedBy(node: AstNode): string[] {
  const names = (value: unknown): string[] => {
    if (!value || typeof value !== "object") return [];
    if (Array.isArray(value)) return value.flatMap(names);
    const inner = value as AstNode;
    if (inner.typename === "Symbol" && typeof inner.value === "string") return [inner.value];
    // A macro's keyword parameter (name=default) or an import's alias (name as alias): either may be the name.
    if (inner.typename === "Pair") return [...names(inner.key), ...names(inner.value)];
    return names(inner.children);
  };
  switch (node.typename) {
    case "Set":
      return names(node.targets);
    case "For":
    case "AsyncEach":
    case "AsyncAll":
      return names(node.name);
    case "Macro":
      return [...names(node.name), ...names(node.args)];
    case "Import":
      return names(node.target);
    case "FromImport":
      return names(node.names);
    default:
      return [];
  }
}
