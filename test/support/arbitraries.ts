import fc from "fast-check";

/**
 * Text an author might paste: from Xinhua, ministry sites, Japanese newspapers and chat
 * apps, plus everything that has broken a publishing tool before. fast-check mixes these
 * pieces with arbitrary Unicode, so every field meets each of them in every combination.
 */
export const NASTY_PIECES = [
  "北京", "日本語の記事", "福田達夫", "한국어", "مرحبا بالعالم", "שלום",
  "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇯🇵🇨🇳", "👍🏽", "e\u0301", "🎧",
  "\u200F", "\u200E", "\u202E", "\u2066", "\u2069", "\u200D", "\uFEFF", "\u00A0", "\u2028", "\u0085",
  "]]>", "<!--", "-->", "<![CDATA[", "&amp;", "&lt;b&gt;", "&", "&#0;", "&nbsp;", "<b>bold</b>", "<script>alert(1)</script>",
  "{{ 7*7 }}", '{% include "x" %}', "{{", "}}", "{%", "%}", "{#", "#}",
  "{{ UnsubscribeURL }}", "*|UNSUB|*", "%recipient.unsubscribe_url%", "{$unsubscribe}", "[[UNSUB_LINK_EN]]",
  '"', "'", "`", "\\", "$&", "$1",
  "\t", " ",
] as const;

/** Characters XML 1.0 forbids and surrogates that are not part of a pair: JSON-quoted YAML can carry them. */
export const FORBIDDEN_PIECES = ["\u0000", "\u0001", "\u0008", "\u000B", "\u001B", "\u001F", "\uFFFE", "\uFFFF", "\uD800", "\uDFFF", "\uDBFF"] as const;

/** A run of text from the pieces above and arbitrary Unicode; sometimes a very long line. */
export function authorText(options: { forbidden?: boolean; maxPieces?: number } = {}): fc.Arbitrary<string> {
  const pieces = [
    { weight: 6, arbitrary: fc.constantFrom(...NASTY_PIECES) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme-composite", maxLength: 4 }) },
    { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
    ...(options.forbidden ? [{ weight: 1, arbitrary: fc.constantFrom(...FORBIDDEN_PIECES) }] : []),
  ];
  const longLine = fc.tuple(fc.constantFrom("汉字 ", "word ", "🇯🇵", "&amp;"), fc.integer({ min: 500, max: 3000 })).map(([unit, times]) => unit.repeat(times));
  return fc.oneof(
    { weight: 30, arbitrary: fc.array(fc.oneof(...pieces), { minLength: 1, maxLength: options.maxPieces ?? 8 }).map((parts) => parts.join("")) },
    { weight: 1, arbitrary: longLine },
  );
}

/** Text that holds something besides white space once trimmed, as required keys need. */
const filled = (text: fc.Arbitrary<string>): fc.Arbitrary<string> => text.filter((value) => value.trim() !== "");
/** One line: a block attribute or a list item cannot span lines. */
const oneLine = (text: string): string => text.replace(/[\r\n\u0085\u2028\u2029]/g, " ");

/** A URL an author pastes: https, with any text in its path and query, percent-encoded or not. */
export const authorUrl: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom("https://example.org/", "https://例え.jp/記事/", "https://cdn.example.org/a?b=1&c="), authorText({ maxPieces: 3 }))
  .map(([base, tail]) => base + [...tail.replace(/\s/g, "")].map((char) => (/[\u0000-\u001F"<>\\`{}|^]/.test(char) ? encodeURIComponent(char) : char)).join(""))
  .map((url) => url.replace(/[\uD800-\uDFFF]/g, ""));

export interface GeneratedPerson {
  name: string;
  native: string;
  role: string;
}

export interface GeneratedQuote {
  speaker: string;
  cite: string;
  role: string;
  source: string;
  lang: string;
  original: string;
  translation: string;
}

/** What an author writes in one episode: every value as the author meant it. */
export interface GeneratedEpisode {
  title: string;
  subtitle: string;
  summary: string;
  tags: string[];
  people: GeneratedPerson[];
  audioUrl: string;
  heading: string;
  paragraphs: string[];
  quote: GeneratedQuote;
  reading: { text: string; url: string }[];
  note: string;
}

/** A value for a block attribute: one line, without the `"` that would end it. */
const attributeValue = authorText({ maxPieces: 4 }).map((text) => oneLine(text).replace(/"/g, "”"));
/** A body line that Markdown takes as text (not a block fence, a heading, a list, an HTML block or a person). */
const bodyLine = (forbidden: boolean): fc.Arbitrary<string> =>
  authorText({ forbidden }).map((text) => oneLine(text).replace(/\[\[/g, "[ [").replace(/^\s*(:{3,}|[#>*+<-]|\d+[.)]|`{3,}|~{3,})/, "· $1"));

export function episodeArbitrary(options: { forbidden?: boolean } = {}): fc.Arbitrary<GeneratedEpisode> {
  const { forbidden = false } = options;
  const text = authorText({ forbidden });
  const person = fc.record({
    name: filled(authorText({ maxPieces: 3 }).map((name) => oneLine(name).replace(/[[\]|]/g, "").trim())),
    native: authorText({ maxPieces: 2 }),
    role: authorText({ maxPieces: 3 }),
  });
  return fc.record({
    title: filled(text),
    subtitle: text.map(oneLine),
    summary: text.map((summary) => summary.slice(0, 4000)),
    tags: fc.array(filled(authorText({ maxPieces: 3 })), { maxLength: 3 }),
    people: fc.uniqueArray(person, { maxLength: 2, selector: (entry) => entry.name }),
    audioUrl: authorUrl.map((url) => `https://cdn.example.org/audio/episode.mp3?from=${encodeURIComponent(url)}&raw=${url.replace(/^https:\/\//, "")}`),
    heading: filled(bodyLine(forbidden)),
    paragraphs: fc.array(bodyLine(forbidden), { minLength: 1, maxLength: 3 }),
    quote: fc.record({
      speaker: attributeValue,
      cite: attributeValue,
      role: attributeValue,
      source: authorUrl,
      lang: fc.constantFrom("zh", "zh-Hans", "ja", "ar", "he", "ko"),
      original: filled(bodyLine(forbidden)),
      translation: filled(bodyLine(forbidden)),
    }),
    // Brackets would end the link text, and a `<` could open raw HTML that runs past it.
    reading: fc.array(fc.record({ text: filled(bodyLine(forbidden).map((line) => line.replace(/[[\]]/g, "").replace(/</g, "\\<"))), url: authorUrl }), { minLength: 1, maxLength: 2 }),
    note: filled(bodyLine(forbidden)),
  });
}

/** Writes the episode as an author would, every front-matter string JSON-quoted so the YAML is never broken by the generator. */
export function episodeFile(episode: GeneratedEpisode, guid: string): string {
  const q = (value: string): string => JSON.stringify(value);
  const front = [
    `title: ${q(episode.title)}`,
    "date: 2025-01-16",
    `guid: ${q(guid)}`,
    `subtitle: ${q(episode.subtitle)}`,
    `summary: ${q(episode.summary)}`,
    `tags: [${episode.tags.map(q).join(", ")}]`,
    "audio:",
    `  src: ${q(episode.audioUrl)}`,
    "  length: 1234567",
    '  duration: "12:34"',
    "people:",
    ...episode.people.flatMap((person) => [`  - name: ${q(person.name)}`, `    native: ${q(person.native)}`, "    lang: ja", `    role: ${q(person.role)}`]),
  ];
  if (episode.people.length === 0) front.pop();
  const { quote } = episode;
  const body = [
    ...episode.paragraphs.flatMap((line) => [line, ""]),
    ...episode.people.map((person) => `[[${person.name}]] said so.\n`),
    `## ${episode.heading}`,
    "",
    `::: quote speaker="${quote.speaker}" role="${quote.role}" cite="${quote.cite}" source="${quote.source}" lang=${quote.lang}`,
    quote.original,
    "---",
    quote.translation,
    ":::",
    "",
    "::: reading",
    ...episode.reading.map((link) => `- [${link.text}](<${link.url}>)`),
    ":::",
    "",
    "::: note",
    episode.note,
    ":::",
  ];
  return `---\n${front.join("\n")}\n---\n\n${body.join("\n")}\n`;
}
