import { languageName, languageOfCountry, languageTagMistake, registryName } from "./language-tag.ts";

/**
 * Whether a text's script fits the language it is marked with: a screen reader reads a
 * Hangul quote marked `kr` as Kanuri, and a browser picks Chinese glyphs for Japanese text
 * marked `zh`. Only the CJK scripts are told apart: they are what castpress's authors quote.
 */
export interface ScriptMismatch {
  severity: "error" | "warning";
  /** Follows the subject (`lang=kr`): `is Kanuri; did you mean ko, Korean?` */
  problem: string;
  hint: string;
  suggestion: string;
}

/** Undefined when the text fits `tag`, or when `tag` is not a valid tag (reported on its own). */
export function scriptMismatch(text: string, tag: string): ScriptMismatch | undefined {
  const locale = languageTagMistake(tag) ? undefined : localeOf(tag);
  if (!locale) return undefined;
  const { language, script, writtenIn } = locale;
  const counts = scriptCounts(text);
  const letters = counts.hangul + counts.kana + counts.han + counts.other;
  if (letters === 0) return undefined;

  if (counts.hangul * 2 >= letters && language !== "ko") {
    // `kr` is Kanuri and KR is Korea: a country code typed for the language.
    if (languageOfCountry(language) === "ko") {
      return {
        severity: "error",
        problem: `is ${registryName(language)}; did you mean ko, Korean?`,
        hint: "write ko; a text in Hangul is Korean",
        suggestion: "ko",
      };
    }
    return mismatch(`is ${languageName(tag)}, but the text is in Hangul`, "ko", "write ko: Hangul is the Korean alphabet");
  }
  if (counts.kana > 0 && (writtenIn === "Hans" || writtenIn === "Hant")) {
    return mismatch(`is ${languageName(tag)}, but the text has kana`, "ja", "write ja: kana are Japanese, and Chinese is written in Chinese characters only");
  }
  if (counts.han > 0 && counts.han === letters && language === "ko" && !script) {
    return mismatch(
      "is Korean, but the text is in Chinese characters only",
      "zh",
      "write zh (or zh-Hant) if it is Chinese, ja if Japanese, and ko-Hani if it is Korean written in Hanja",
    );
  }
  return undefined;
}

/** The language a text's script gives away: Hangul is Korean, kana Japanese; Chinese characters alone could be either. */
export function languageOfScript(text: string): string | undefined {
  const counts = scriptCounts(text);
  const letters = counts.hangul + counts.kana + counts.han + counts.other;
  if (letters > 0 && counts.hangul * 2 >= letters) return "ko";
  if (counts.kana > 0) return "ja";
  return undefined;
}

interface LocaleFacts {
  language: string;
  /** The tag's own script subtag. */
  script: string | undefined;
  /** The script it is written in: its own, or its language's usual one. */
  writtenIn: string | undefined;
}

/** Undefined for tags of the registry that Intl cannot read (private use `x-…`, grandfathered `i-default`): no script to compare. */
function localeOf(tag: string): LocaleFacts | undefined {
  if (!locales.has(tag)) {
    try {
      const locale = new Intl.Locale(tag);
      locales.set(tag, { language: locale.language, script: locale.script, writtenIn: locale.script ?? new Intl.Locale(locale.language).maximize().script });
    } catch {
      locales.set(tag, undefined);
    }
  }
  return locales.get(tag);
}

/** A site uses a handful of tags, each worked out once. */
const locales = new Map<string, LocaleFacts | undefined>();

function mismatch(problem: string, suggestion: string, hint: string): ScriptMismatch {
  return { severity: "warning", problem, hint, suggestion };
}

interface ScriptCounts {
  hangul: number;
  kana: number;
  han: number;
  /** Letters of any other script (Latin, Cyrillic, ...). */
  other: number;
}

const HANGUL = /\p{Script=Hangul}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAN = /\p{Script=Han}/gu;
const LETTER = /\p{L}/gu;

function scriptCounts(text: string): ScriptCounts {
  const count = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const hangul = count(HANGUL);
  const kana = count(KANA);
  const han = count(HAN);
  // Hangul, kana and Han are letters too.
  return { hangul, kana, han, other: count(LETTER) - hangul - kana - han };
}
