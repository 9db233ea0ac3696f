import tags from "language-tags";

/**
 * BCP 47 language tags, checked against the IANA Language Subtag Registry (the copy
 * `language-tags` carries, so the check runs offline), with the tag an author most likely
 * meant when one is wrong.
 */

/** What is wrong with a tag: `subject` is what the author wrote (`lang=kr`, `language "english"`). */
export interface TagMistake {
  /** Follows the subject: `is Kanuri; did you mean ko, Korean?` */
  problem: string;
  /** The tag to write instead, when one is likely. */
  suggestion?: string;
}

/** Undefined when `tag` is a valid, current tag of the registry (or private use, `x-…`). */
export function languageTagMistake(tag: string): TagMistake | undefined {
  // A site uses a handful of tags in thousands of quotes: each is looked up once.
  if (!checked.has(tag)) checked.set(tag, findMistake(tag));
  return checked.get(tag);
}

const checked = new Map<string, TagMistake | undefined>();

function findMistake(tag: string): TagMistake | undefined {
  if (/^x(-[a-z0-9]{1,8})+$/i.test(tag)) return undefined;
  // A script the language is always written in (en-Latn) is redundant, not wrong: BCP 47 says "should not".
  const errors = tags(tag).errors().filter((error) => error.code !== ERR_SUPPRESS_SCRIPT);
  if (errors.length === 0) return undefined;
  const replacement = errors.map(deprecatedFor).find((preferred) => preferred !== undefined);
  if (replacement) return likely("is an old code, no longer in use", replacement);
  if (/^[a-z]{2,3}(_[a-z]{4})?(_([a-z]{2}|\d{3}))?$/i.test(tag)) {
    const hyphenated = tag.replaceAll("_", "-");
    if (tags.check(hyphenated)) return likely('separates its parts with "_", where BCP 47 has "-"', hyphenated);
  }
  const byName = tagOfLanguageName(tag);
  if (byName) return likely("is a language's name, not its tag", byName);
  const byCountry = /^[a-z]{2}$/i.test(tag) ? languageOfCountry(tag) : undefined;
  if (byCountry) return likely(`is the country code of ${regionName(tag)}, not a language`, byCountry);
  const reason = errors[0]?.message.replace(/\.$/, "").replace(/^./, (first) => first.toLowerCase());
  return { problem: `is not a language tag of the IANA registry${reason ? ` (${reason})` : ""}` };
}

/**
 * When a tag's language subtag is also a country's code and that country speaks another
 * language (`kr`, Kanuri, and KR, Korea), the language the author probably meant.
 */
export function languageOfCountry(tag: string): string | undefined {
  const code = tag.split("-", 1)[0]!;
  if (code.length !== 2 || tags.region(code) === null) return undefined;
  const likelyTag = new Intl.Locale(`und-${code.toUpperCase()}`).maximize();
  const language = likelyTag.language;
  if (language === code.toLowerCase() || language === "und") return undefined;
  // Keep the script only where it is not the language's own default (Taiwan: zh-Hant).
  const ownScript = new Intl.Locale(language).maximize().script;
  return likelyTag.script && likelyTag.script !== ownScript ? `${language}-${likelyTag.script}` : language;
}

/** The registry's name for a tag's language: "Kanuri" for `kr`. */
export function registryName(tag: string): string {
  return tags(tag).language()?.descriptions()[0] ?? tag;
}

/** An English name for a tag, as people say it: "Korean", "Traditional Chinese", "Chinese (China)". */
export function languageName(tag: string): string {
  try {
    return displayNames.of(tag) ?? tag;
  } catch {
    // A registry tag Intl cannot read (grandfathered `i-mingo`): its code is its name here.
    return tag;
  }
}

/** `is …; did you mean ko, Korean?` */
function likely(problem: string, suggestion: string): TagMistake {
  return { problem: `${problem}; did you mean ${suggestion}, ${languageName(suggestion)}?`, suggestion };
}

const displayNames = new Intl.DisplayNames("en", { type: "language" });
const regionNames = new Intl.DisplayNames("en", { type: "region" });

function regionName(code: string): string {
  return regionNames.of(code.toUpperCase()) ?? code.toUpperCase();
}

/** The preferred value the registry gives a deprecated tag or subtag. */
function deprecatedFor(error: ReturnType<ReturnType<typeof tags>["errors"]>[number]): string | undefined {
  if (error.code === ERR_DEPRECATED) return /Use '([^']+)' instead/.exec(error.message)?.[1];
  if (error.code === ERR_SUBTAG_DEPRECATED) return error.subtag?.preferred()?.format();
  return undefined;
}

// language-tags' error codes (Tag.ERR_*), which its typings declare but do not export as values.
const ERR_DEPRECATED = 1;
const ERR_SUPPRESS_SCRIPT = 10;
const ERR_SUBTAG_DEPRECATED = 11;

/** `korean` → `ko`: a language subtag whose registry name is what was written. */
function tagOfLanguageName(name: string): string | undefined {
  if (!/^[a-z][a-z ]+$/i.test(name)) return undefined;
  const exact = new RegExp(`^${name.trim()}$`, "i");
  const codes = tags
    .search(exact)
    .filter((subtag) => "type" in subtag && subtag.type() === "language" && !subtag.deprecated())
    .map((subtag) => subtag.format())
    .sort((a, b) => a.length - b.length);
  return codes[0];
}
