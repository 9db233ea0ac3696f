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
  lang: string;
  role: string;
}

export interface GeneratedQuote {
  speaker: string;
  cite: string;
  role: string;
  source: string;
  lang: string;
  original: string;
  /** Absent: a quote in one language, the site's. */
  translation?: string;
  /** How many colons fence it: 3 to 5, more when it sits in another block. */
  colons: number;
}

export interface GeneratedMeeting {
  /** YYYY-MM-DD, each after the one before it. */
  date: string;
  with: string;
  place: string;
  text: string;
  /** A quote inside the meeting, fenced with fewer colons than the meeting. */
  quote?: GeneratedQuote;
}

export type GeneratedBlock =
  | { kind: "prose"; text: string; footnote?: string }
  | { kind: "quote"; quote: GeneratedQuote }
  | { kind: "timeline"; meetings: GeneratedMeeting[]; colons: number }
  | { kind: "note"; text: string; quote?: GeneratedQuote; colons: number }
  | { kind: "reading"; links: { text: string; url: string }[] };

export interface GeneratedSection {
  heading: string;
  /** The chapter stamp in seconds, written as MM:SS or H:MM:SS; increasing down the episode. */
  stamp?: number;
  stampStyle: "MM:SS" | "H:MM:SS";
  blocks: GeneratedBlock[];
}

/** What an author writes in one episode: every value as the author meant it, and how it is written. */
export interface GeneratedEpisode {
  title: string;
  subtitle: string;
  summary: string;
  tags: string[];
  people: GeneratedPerson[];
  audioUrl: string;
  /** Front matter as block YAML, block YAML with flow lists and maps, or one flow mapping. */
  yamlStyle: "block" | "flow-values" | "flow-document";
  /** Quote the strings with "..." (JSON escapes) or '...' where the text allows. */
  yamlQuotes: "double" | "single";
  intro: string;
  sections: GeneratedSection[];
}

/** The audio's duration: every chapter stamp is below it. */
export const AUDIO_SECONDS = 12 * 60 + 34;

/**
 * Text written into the Markdown as it is, not in a YAML escape: a file holds UTF-8, which has
 * no unpaired surrogates (writing one stores U+FFFD), so the author cannot have typed them there.
 */
const inFile = (text: string): string => text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
/** A value for a block attribute: one line, without the `"` that would end it. */
const attributeValue = authorText({ maxPieces: 4 }).map((text) => inFile(oneLine(text)).replace(/"/g, "”").trim());
/** A line of body text as the author means it; written escaped, so Markdown shows it as it is. */
const bodyText = (forbidden: boolean): fc.Arbitrary<string> => filled(authorText({ forbidden }).map((text) => trimmedLine(inFile(oneLine(text)))));
/**
 * A line without white space at either end, counting what every output drops (C0 controls):
 * "\u001B\t..." is a tab at the start of the line once the control is gone, which Markdown
 * reads as an indented code block, as it would the tab alone.
 */
const trimmedLine = (text: string): string => text.replace(/^[\s\u0000-\u001F\uFFFE\uFFFF]+|[\s\u0000-\u001F\uFFFE\uFFFF]+$/g, "");

function quoteArbitrary(forbidden: boolean, colons: fc.Arbitrary<number>): fc.Arbitrary<GeneratedQuote> {
  return fc.record(
    {
      speaker: attributeValue,
      cite: attributeValue,
      role: attributeValue,
      source: authorUrl,
      lang: fc.constantFrom("zh", "zh-Hans", "ja", "ar", "he", "ko"),
      original: bodyText(forbidden),
      translation: bodyText(forbidden),
      colons,
    },
    { requiredKeys: ["speaker", "cite", "role", "source", "lang", "original", "colons"] },
  );
}

function blockArbitrary(forbidden: boolean): fc.Arbitrary<GeneratedBlock> {
  const text = bodyText(forbidden);
  const innerQuote = quoteArbitrary(forbidden, fc.constant(3));
  const meeting = fc.record(
    { day: fc.integer({ min: 1, max: 9 }), with: filled(attributeValue), place: attributeValue, text, quote: innerQuote },
    { requiredKeys: ["day", "with", "place", "text"] },
  );
  return fc.oneof(
    fc.record({ kind: fc.constant("prose" as const), text, footnote: text }, { requiredKeys: ["kind", "text"] }),
    fc.record({ kind: fc.constant("quote" as const), quote: quoteArbitrary(forbidden, fc.integer({ min: 3, max: 5 })) }),
    fc
      .record({ meetings: fc.array(meeting, { minLength: 1, maxLength: 3 }), extraColons: fc.integer({ min: 0, max: 2 }) })
      .map(({ meetings, extraColons }) => {
        let day = 0;
        return {
          kind: "timeline" as const,
          colons: 4 + extraColons,
          meetings: meetings.map(({ day: step, ...rest }) => ({ ...rest, date: `2024-12-${String((day += step)).padStart(2, "0")}` })),
        };
      }),
    fc.record({ kind: fc.constant("note" as const), text, quote: innerQuote, colons: fc.integer({ min: 4, max: 6 }) }, { requiredKeys: ["kind", "text", "colons"] }),
    fc.record({
      kind: fc.constant("reading" as const),
      links: fc.array(fc.record({ text: bodyText(forbidden), url: authorUrl }), { minLength: 1, maxLength: 2 }),
    }),
  );
}

export function episodeArbitrary(options: { forbidden?: boolean } = {}): fc.Arbitrary<GeneratedEpisode> {
  const { forbidden = false } = options;
  const text = authorText({ forbidden });
  const person = fc.record({
    // In `[[...]]` the name is Markdown text: `\]` escapes a bracket and `&nbsp;` is a character
    // reference, so a name here holds no backslash or `&`, as it holds no [ ] or |.
    name: filled(authorText({ maxPieces: 3 }).map((name) => inFile(oneLine(name)).replace(/[[\]|\\&]/g, "").trim())),
    native: filled(authorText({ maxPieces: 2 }).map((native) => native.trim())),
    lang: fc.constantFrom("ja", "zh", "zh-Hant", "ko"),
    role: authorText({ maxPieces: 3 }),
  });
  const section = fc.record({
    heading: bodyText(forbidden),
    stamped: fc.boolean(),
    stampStyle: fc.constantFrom("MM:SS" as const, "H:MM:SS" as const),
    blocks: fc.array(blockArbitrary(forbidden), { minLength: 1, maxLength: 3 }),
  });
  const sections = fc
    .tuple(fc.array(section, { minLength: 1, maxLength: 3 }), fc.uniqueArray(fc.integer({ min: 0, max: AUDIO_SECONDS - 1 }), { minLength: 3, maxLength: 3 }))
    .map(([drawn, starts]) => {
      const sorted = [...starts].sort((a, b) => a - b);
      return drawn.map(({ stamped, ...rest }, index) => ({ ...rest, ...(stamped && { stamp: sorted[index]! }) }));
    });
  return fc.record({
    title: filled(text),
    subtitle: text.map(oneLine),
    summary: text.map((summary) => summary.slice(0, 4000)),
    tags: fc.array(filled(authorText({ maxPieces: 3 })), { maxLength: 3 }),
    people: fc.uniqueArray(person, { maxLength: 2, selector: (entry) => entry.name }),
    audioUrl: authorUrl.map((url) => `https://cdn.example.org/audio/episode.mp3?from=${encodeURIComponent(url)}&raw=${url.replace(/^https:\/\//, "")}`),
    yamlStyle: fc.constantFrom("block" as const, "flow-values" as const, "flow-document" as const),
    yamlQuotes: fc.constantFrom("double" as const, "single" as const),
    intro: bodyText(forbidden),
    sections,
  });
}

/** Text as Markdown shows it literally: every ASCII punctuation character backslash-escaped (CommonMark allows each). */
export const markdownLiteral = (text: string): string => text.replace(/[!-/:-@[-`{-~]/g, "\\$&");

/** Characters YAML's single-quoted style cannot carry (it has no escapes): those strings are double-quoted. */
const NOT_SINGLE_QUOTABLE = /[^\t\x20-\x7E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]|[\u2028\u2029\uFEFF]/u;

/** Writes the episode as an author would, in the episode's YAML style, its blocks as Markdown. */
export function episodeFile(episode: GeneratedEpisode, guid: string): string {
  const q = (value: string): string =>
    episode.yamlQuotes === "single" && !NOT_SINGLE_QUOTABLE.test(value) ? `'${value.replace(/'/g, "''")}'` : JSON.stringify(value);
  const audio = { src: q(episode.audioUrl), length: "1234567", duration: q(`${Math.floor(AUDIO_SECONDS / 60)}:${AUDIO_SECONDS % 60}`) };
  const people = episode.people.map((person) => ({ name: q(person.name), native: q(person.native), lang: person.lang, role: q(person.role) }));
  const flowMap = (entries: Record<string, string>) => `{ ${Object.entries(entries).map(([key, value]) => `${key}: ${value}`).join(", ")} }`;
  const scalars = { title: q(episode.title), date: "2025-01-16", guid: q(guid), subtitle: q(episode.subtitle), summary: q(episode.summary) };
  let front: string[];
  if (episode.yamlStyle === "flow-document") {
    const fields = { ...scalars, tags: `[${episode.tags.map(q).join(", ")}]`, audio: flowMap(audio), people: `[${people.map(flowMap).join(", ")}]` };
    front = [flowMap(fields)];
  } else if (episode.yamlStyle === "flow-values") {
    front = [...Object.entries(scalars).map(([key, value]) => `${key}: ${value}`), `tags: [${episode.tags.map(q).join(", ")}]`, `audio: ${flowMap(audio)}`, `people: [${people.map(flowMap).join(", ")}]`];
  } else {
    const list = (key: string, items: string[]) => (items.length === 0 ? [`${key}: []`] : [`${key}:`, ...items]);
    front = [
      ...Object.entries(scalars).map(([key, value]) => `${key}: ${value}`),
      ...list("tags", episode.tags.map((tag) => `  - ${q(tag)}`)),
      "audio:",
      ...Object.entries(audio).map(([key, value]) => `  ${key}: ${value}`),
      ...list("people", people.flatMap((person) => Object.entries(person).map(([key, value], index) => `${index === 0 ? "  - " : "    "}${key}: ${value}`))),
    ];
  }
  const footnotes: string[] = [];
  const body = [
    markdownLiteral(episode.intro),
    "",
    ...episode.people.map((person) => `[[${person.name}]] said so.\n`),
    ...episode.sections.flatMap((section) => [`## ${stampText(section)}${markdownLiteral(section.heading)}`, "", ...section.blocks.flatMap((block) => blockLines(block, footnotes))]),
    ...footnotes.map((text, index) => `[^${index + 1}]: ${markdownLiteral(text)}\n`),
  ];
  return `---\n${front.join("\n")}\n---\n\n${body.join("\n")}\n`;
}

function stampText({ stamp, stampStyle }: GeneratedSection): string {
  if (stamp === undefined) return "";
  const two = (value: number) => String(value).padStart(2, "0");
  const [hours, minutes, seconds] = [Math.floor(stamp / 3600), Math.floor(stamp / 60) % 60, stamp % 60];
  return stampStyle === "MM:SS" ? `[${two(minutes + hours * 60)}:${two(seconds)}] ` : `[${hours}:${two(minutes)}:${two(seconds)}] `;
}

function quoteLines(quote: GeneratedQuote): string[] {
  const fence = ":".repeat(quote.colons);
  return [
    `${fence} quote speaker="${quote.speaker}" role="${quote.role}" cite="${quote.cite}" source="${quote.source}" lang=${quote.lang}`,
    markdownLiteral(quote.original),
    ...(quote.translation === undefined ? [] : ["---", markdownLiteral(quote.translation)]),
    fence,
    "",
  ];
}

/** A block as Markdown lines, ending with a blank line; footnote texts are gathered for the end. */
function blockLines(block: GeneratedBlock, footnotes: string[]): string[] {
  switch (block.kind) {
    case "prose":
      if (block.footnote !== undefined) footnotes.push(block.footnote);
      return [`${markdownLiteral(block.text)}${block.footnote === undefined ? "" : `[^${footnotes.length}]`}`, ""];
    case "quote":
      return quoteLines(block.quote);
    case "timeline":
      // Consecutive meetings, only blank lines between them, are one timeline.
      return block.meetings.flatMap((meeting) => [
        `${":".repeat(block.colons)} meeting date=${meeting.date} with="${meeting.with}" place="${meeting.place}"`,
        markdownLiteral(meeting.text),
        "",
        ...(meeting.quote ? quoteLines(meeting.quote) : []),
        ":".repeat(block.colons),
        "",
      ]);
    case "note":
      return [`${":".repeat(block.colons)} note`, markdownLiteral(block.text), "", ...(block.quote ? quoteLines(block.quote) : []), ":".repeat(block.colons), ""];
    case "reading":
      return ["::: reading", ...block.links.map((link) => `- [${markdownLiteral(link.text)}](<${link.url}>)`), ":::", ""];
  }
}
