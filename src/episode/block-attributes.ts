import { didYouMean } from "../problems/did-you-mean.ts";
import type { ProblemList } from "../problems/problem.ts";
import { languageTagMistake } from "../language/language-tag.ts";
import { exampleLanguages } from "../language/site-languages.ts";

const ATTRIBUTE = /\s*([A-Za-z][\w-]*)=(?:"([^"]*)"|(\S+))\s*/y;

/** Which attributes each block takes, and which it needs. */
const ALLOWED = {
  quote: { optional: ["speaker", "role", "source", "cite", "date", "lang"], required: [] },
  meeting: { optional: ["with", "role", "place", "title"], required: ["date"] },
  reading: { optional: [], required: [] },
  note: { optional: [], required: [] },
} as const satisfies Record<string, { optional: readonly string[]; required: readonly string[] }>;

export type BlockAttributes = Record<string, string>;

/** Reads `name key=value key="two words"` from a block's opening line, and checks every value. */
export function readBlockAttributes(
  name: keyof typeof ALLOWED,
  info: string,
  line: number,
  problems: ProblemList,
  /** The site's languages, for the examples of a message. */
  languagesInUse: () => readonly string[] = () => [],
): BlockAttributes {
  const rest = info.trim().slice(name.length);
  const attributes: BlockAttributes = {};
  const known: readonly string[] = [...ALLOWED[name].required, ...ALLOWED[name].optional];
  ATTRIBUTE.lastIndex = 0;
  let position = 0;
  while (position < rest.length) {
    ATTRIBUTE.lastIndex = position;
    const match = ATTRIBUTE.exec(rest);
    if (!match) {
      if (rest.slice(position).trim() === "") break;
      problems.error(
        line,
        `cannot read "${rest.slice(position).trim()}" as attributes of the ${name} block`,
        'write attributes as key=value, with "double quotes" around values that hold spaces',
      );
      break;
    }
    position = ATTRIBUTE.lastIndex;
    const [, key, quoted, bare] = match;
    if (!known.includes(key!)) {
      problems.error(
        line,
        `the ${name} block has no attribute "${key}"${didYouMean(key!, known)}`,
        known.length > 0 ? `use one of: ${known.join(", ")}` : `a ${name} block takes no attributes`,
      );
      continue;
    }
    attributes[key!] = quoted ?? bare!;
  }
  for (const key of ALLOWED[name].required) {
    if (attributes[key] === undefined) {
      problems.error(line, `the ${name} block needs a ${key}`, `add ${key}=${key === "date" ? "YYYY-MM-DD" : "..."} to its opening line`);
    }
  }
  checkValues(attributes, line, problems, languagesInUse);
  return attributes;
}

/** One attribute's value as written on a block's opening line, unchecked (readBlockAttributes checks). */
export function attributeValue(info: string, key: string): string | undefined {
  const pattern = new RegExp(ATTRIBUTE.source, "g");
  for (const [, name, quoted, bare] of info.matchAll(pattern)) if (name === key) return quoted ?? bare;
  return undefined;
}

function checkValues(attributes: BlockAttributes, line: number, problems: ProblemList, languagesInUse: () => readonly string[]): void {
  const { date, lang, source } = attributes;
  if (date !== undefined && !isCalendarDate(date)) {
    problems.error(line, `"${date}" is not a date`, "write the date as YYYY-MM-DD, e.g. date=2025-01-13");
    delete attributes.date;
  }
  const langMistake = lang === undefined ? undefined : languageTagMistake(lang);
  if (langMistake) {
    // The lang stays, so a quote with a translation is not also told it lacks one; nothing is built from it.
    problems.error(
      line,
      `lang=${lang} ${langMistake.problem}`,
      langMistake.suggestion
        ? `write lang=${langMistake.suggestion}`
        : `use a tag of the IANA language subtag registry, such as ${exampleLanguages(languagesInUse()).join(", ")}`,
    );
  }
  if (source !== undefined && !/^https?:\/\/[^\s]+$/.test(source)) {
    problems.error(line, `the source "${source}" is not a web address`, "give the source as a full URL starting with https://");
    delete attributes.source;
  }
}

/** A real day of the calendar, written YYYY-MM-DD: the platform's calendar says whether it exists. */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day;
}
