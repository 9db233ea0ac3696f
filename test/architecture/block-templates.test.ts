import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const EPISODE_TYPES = path.join(REPO, "src/episode/episode.ts");
const BLOCK_TEMPLATES = path.join(REPO, "templates/blocks");
/** The output families, as the style guide names them: one template each, side by side. */
const VARIANTS = ["web", "email", "feed", "text"];

/**
 * The kinds of block an Episode holds, as the compiler sees them: the `kind` of each member of
 * the `Block` union in src/episode/episode.ts.
 */
function blockKinds(): string[] {
  const program = ts.createProgram([EPISODE_TYPES], { strict: true, noEmit: true, allowImportingTsExtensions: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(EPISODE_TYPES)!;
  const alias = source.statements.find((statement): statement is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(statement) && statement.name.text === "Block")!;
  const union = checker.getTypeAtLocation(alias.name) as ts.UnionType;
  return union.types.map((member) => {
    const kind = checker.getTypeOfSymbol(member.getProperty("kind")!);
    return (kind as ts.StringLiteralType).value;
  });
}

describe("templates/blocks/", () => {
  const kinds = blockKinds();

  it("finds the block kinds of the Episode type", () => {
    expect(kinds).toContain("quote");
    expect(kinds.length).toBeGreaterThan(3);
  });

  it("holds one folder per block kind, named after it, and nothing else", () => {
    const folders = readdirSync(BLOCK_TEMPLATES, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual([...kinds].sort());
  });

  it("gives every block kind its web, email, feed and text templates side by side", () => {
    const missing = kinds.flatMap((kind) => VARIANTS.map((variant) => `${kind}/${variant}.njk`)).filter((file) => !existsSync(path.join(BLOCK_TEMPLATES, file)));
    expect(missing).toEqual([]);
  });
});
