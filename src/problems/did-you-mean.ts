import { closest, distance } from "fastest-levenshtein";

/** " (did you mean "x"?)" when a known word is close enough to be a likely typo, else "". */
export function didYouMean(word: string, known: readonly string[]): string {
  if (known.length === 0) return "";
  const lower = word.toLowerCase();
  const candidate = closest(lower, known.map((k) => k.toLowerCase()));
  const index = known.findIndex((k) => k.toLowerCase() === candidate);
  const limit = Math.max(2, Math.ceil(word.length / 3));
  return distance(lower, candidate) <= limit ? ` (did you mean "${known[index]}"?)` : "";
}
