import { languageTagMistake } from "./language-tag.ts";
import { scriptMismatch } from "./script-mismatch.ts";

/**
 * The languages a site quotes and names people in, which its messages and the new-episode
 * skeleton use as examples, so an author covering Korea is not always shown `lang=zh`.
 */

/**
 * The languages of native names, the most used first (ties in order of first use), leaving
 * out any tag that is wrong for its name (Hangul under `kr`) or not a tag.
 */
export function languagesInUse(names: Iterable<{ native?: string | undefined; lang?: string | undefined }>): string[] {
  return mostUsed([...names].filter(({ native, lang }) => lang && !languageTagMistake(lang) && !(native && scriptMismatch(native, lang))).map(({ lang }) => lang));
}

/** Distinct tags, the most used first, ties in order of first use. */
export function mostUsed(tags: Iterable<string | undefined>): string[] {
  const counts = new Map<string, number>();
  for (const tag of tags) if (tag) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([tag]) => tag);
}

/** Three example tags: the site's own first, then those castpress's authors quote most. */
export function exampleLanguages(inUse: readonly string[]): string[] {
  return [...new Set([...inUse, ...FALLBACK])].slice(0, 3);
}

/** "ko (or ja, zh-Hans, ...)": the first example, then the others. */
export function exampleList(first: string, inUse: readonly string[]): string {
  const others = exampleLanguages(inUse).filter((tag) => tag !== first).slice(0, 2);
  return `${first} (or ${[...others, "..."].join(", ")})`;
}

const FALLBACK = ["ja", "ko", "zh-Hans"];
