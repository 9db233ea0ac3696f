import { describe, expect, it } from "vitest";
import type { Block, QuoteBlock, TimelineBlock } from "../src/episode/episode.ts";
import { episodeText, parseEpisodeText } from "./support/episode-text.ts";

/** The blocks of an episode body without `##` headings. */
async function blocksOf(body: string, site: { language?: string } = {}): Promise<Block[]> {
  const { episode, lines } = await parseEpisodeText(episodeText(body), { site });
  expect(lines).toEqual([]);
  return episode!.sections.flatMap((section) => section.blocks);
}

const only = <K extends Block["kind"]>(blocks: Block[], kind: K): Extract<Block, { kind: K }>[] =>
  blocks.filter((block): block is Extract<Block, { kind: K }> => block.kind === kind);

describe("quote", () => {
  it("splits the original from the translation at its --- line, each with its language", async () => {
    const [quote] = only(
      await blocksOf(`
::: quote lang=zh
通过执政党交流机制,减少分歧,促进合作。
---
Through the ruling party exchange mechanism, reduce differences and advance cooperation.
:::
`),
      "quote",
    );
    expect(quote!.original).toEqual({ lang: "zh", html: "<p>通过执政党交流机制,减少分歧,促进合作。</p>\n", text: "通过执政党交流机制,减少分歧,促进合作。" });
    expect(quote!.translation).toMatchObject({ lang: "en", text: "Through the ruling party exchange mechanism, reduce differences and advance cooperation." });
  });

  it("never reads the --- right under a line of text as a setext heading", async () => {
    const blocks = await blocksOf(`
::: quote lang=ja
一行目の原文
---
The translation
:::
`);
    const [quote] = only(blocks, "quote");
    expect(quote!.original.html).toBe("<p>一行目の原文</p>\n");
    expect(quote!.original.html).not.toContain("<h2>");
    expect(quote!.translation!.html).toBe("<p>The translation</p>\n");
  });

  it("gives the translation the site's language", async () => {
    const [quote] = only(await blocksOf("::: quote lang=zh\n原文\n---\nLa traduction\n:::\n", { language: "fr" }), "quote");
    expect(quote!.translation!.lang).toBe("fr");
  });

  it("without a --- line is in one language: its lang, or the site's", async () => {
    const quotes = only(
      await blocksOf("::: quote lang=ja\n日本語だけ\n:::\n\n::: quote\nOnly English.\n:::\n", { language: "en-GB" }),
      "quote",
    );
    expect(quotes.map((quote) => [quote.original.lang, quote.original.text, quote.translation])).toEqual([
      ["ja", "日本語だけ", undefined],
      ["en-GB", "Only English.", undefined],
    ]);
  });

  it("keeps a --- under text outside any quote a Markdown setext heading: a section", async () => {
    const { episode } = await parseEpisodeText(episodeText("Not in a quote\n---\n\nText.\n"));
    expect(episode!.sections.map(({ id, title }) => ({ id, title }))).toEqual([{ id: "not-in-a-quote", title: "Not in a quote" }]);
  });

  it("reads every attribute, with quoted values holding spaces", async () => {
    const [quote] = only(
      await blocksOf(
        `::: quote speaker="Wang Huning" role="Chairman of the CPPCC" source="https://example.org/xinhua/2025-01-14" cite="Xinhua News Agency" date=2025-01-14 lang=zh-Hans\n原文\n---\nTranslation\n:::\n`,
      ),
      "quote",
    );
    const { original, translation, ...attributes } = quote as QuoteBlock;
    expect(attributes).toEqual({
      kind: "quote",
      speaker: "Wang Huning",
      role: "Chairman of the CPPCC",
      source: "https://example.org/xinhua/2025-01-14",
      cite: "Xinhua News Agency",
      date: "2025-01-14",
    });
    expect([original.lang, translation!.lang]).toEqual(["zh-Hans", "en"]);
  });

  it("reports attributes it does not know and values that are wrong, on the opening line", async () => {
    const { lines } = await parseEpisodeText(
      episodeText('\n::: quote speker="Wang Huning" lang=not_a_tag source=example.org date=2025-13-01\nText\n:::\n'),
    );
    expect(lines).toEqual([
      'episodes/2025-01-16-sample.md:6: the quote block has no attribute "speker" (did you mean "speaker"?) — use one of: speaker, role, source, cite, date, lang',
      'episodes/2025-01-16-sample.md:6: "2025-13-01" is not a date — write the date as YYYY-MM-DD, e.g. date=2025-01-13',
      "episodes/2025-01-16-sample.md:6: lang=not_a_tag is not a language tag of the IANA registry (unknown code 'not_a_tag') — use a tag of the IANA language subtag registry, such as ja, ko, zh-Hans",
      'episodes/2025-01-16-sample.md:6: the source "example.org" is not a web address — give the source as a full URL starting with https://',
    ]);
  });

  it("asks for lang when a quote has a translation", async () => {
    const { lines } = await parseEpisodeText(episodeText("\n::: quote\n原文\n---\nTranslation\n:::\n"));
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:6: this quote has a translation but does not say the original's language — add lang=ja (or ko, zh-Hans, ...) to its opening line",
    ]);
  });
});

describe("meeting", () => {
  const meetings = `
:::: meeting date=2025-01-13 with="Li Shulei" role="Minister of the Publicity Department" place=Beijing title="Talks on exchanges"
Li emphasized China's commitment to

::: quote lang=zh
加强政治对话,促进人文交流。
---
Strengthen political dialogue and promote people-to-people exchanges.
:::
::::

::: meeting date=2025-01-14 with="Wang Huning"
A second meeting.
:::

::: meeting date=2025-01-15
A third.
:::
`;

  it("nests a quote with fewer colons, and forms one timeline of consecutive meetings in written order", async () => {
    const blocks = await blocksOf(meetings);
    expect(blocks.map((block) => block.kind)).toEqual(["timeline"]);
    const timeline = blocks[0] as TimelineBlock;
    expect(timeline.meetings.map(({ blocks: _, ...meeting }) => meeting)).toEqual([
      { date: "2025-01-13", with: "Li Shulei", role: "Minister of the Publicity Department", place: "Beijing", title: "Talks on exchanges" },
      { date: "2025-01-14", with: "Wang Huning" },
      { date: "2025-01-15" },
    ]);
    const first = timeline.meetings[0]!.blocks;
    expect(first.map((block) => block.kind)).toEqual(["prose", "quote"]);
    expect((first[1] as QuoteBlock).original).toMatchObject({ lang: "zh", text: "加强政治对话,促进人文交流。" });
    expect((first[1] as QuoteBlock).translation!.text).toBe("Strengthen political dialogue and promote people-to-people exchanges.");
  });

  it("starts a new timeline after text between meetings", async () => {
    const blocks = await blocksOf("::: meeting date=2025-01-13\nOne.\n:::\n\nBetween.\n\n::: meeting date=2025-01-20\nTwo.\n:::\n");
    expect(blocks.map((block) => block.kind)).toEqual(["timeline", "prose", "timeline"]);
  });

  it("keeps a meeting that runs backwards where it is written, with a warning on its line", async () => {
    const { episode, problems, lines } = await parseEpisodeText(
      episodeText("\n::: meeting date=2025-01-15\nLater.\n:::\n\n::: meeting date=2025-01-13\nEarlier.\n:::\n"),
    );
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:10: warning: this meeting (2025-01-13) is dated before the one above it (2025-01-15) — a timeline runs forwards: check the date, or move the meeting",
    ]);
    expect(problems[0]!.severity).toBe("warning");
    const timeline = episode!.sections[0]!.blocks[0] as TimelineBlock;
    expect(timeline.meetings.map((meeting) => meeting.date)).toEqual(["2025-01-15", "2025-01-13"]);
  });

  it("needs a date, and reports a block left open before a block with as many colons, once", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText('\n::: meeting with="Li Shulei"\nText\n:::\n\n::: meeting date=2025-01-14\n::: quote\nx\n:::\n:::\n'),
    );
    expect(episode).toBeUndefined();
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:6: the meeting block needs a date — add date=YYYY-MM-DD to its opening line",
      "episodes/2025-01-16-sample.md:10: the meeting block opened here is not closed before the quote block of line 11 — close it with a line holding only ::: above line 11; or, to put the quote block inside it, open the meeting block with more colons: :::: meeting",
    ]);
  });
});

describe("reading, note, and CommonMark extras", () => {
  it("reads a reading block's items as links with their titles", async () => {
    const [reading] = only(
      await blocksOf(`
::: reading
- [Xinhua: 9th Meeting of the Exchange Mechanism](https://example.org/xinhua/9th-meeting)
- [The Paper: interview with *Cai Liang*](https://example.org/thepaper/cai-liang), in Chinese
:::
`),
      "reading",
    );
    expect(reading!.items.map(({ url, title, text }) => ({ url, title, text }))).toEqual([
      { url: "https://example.org/xinhua/9th-meeting", title: "Xinhua: 9th Meeting of the Exchange Mechanism", text: "Xinhua: 9th Meeting of the Exchange Mechanism [1]" },
      { url: "https://example.org/thepaper/cai-liang", title: "The Paper: interview with _Cai Liang_", text: "The Paper: interview with _Cai Liang_ [2], in Chinese" },
    ]);
    expect(reading!.items[1]!.html).toBe('<a href="https://example.org/thepaper/cai-liang">The Paper: interview with <em>Cai Liang</em></a>, in Chinese');
  });

  it("reports a reading block that is not a list of links", async () => {
    const { lines } = await parseEpisodeText(episodeText("\n::: reading\nJust a sentence.\n:::\n\n::: reading\n- no link here\n:::\n"));
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:6: a reading block holds only a list of links — write each link as a list item: - [Title](https://...)",
      "episodes/2025-01-16-sample.md:11: this reading item has no link — write it as - [Title](https://...)",
    ]);
  });

  it("keeps a note's content as blocks of its own", async () => {
    const [note] = only(await blocksOf("::: note\nAn aside, **set apart** from the text.\n:::\n"), "note");
    expect(note!.blocks).toEqual([
      { kind: "prose", html: "<p>An aside, <strong>set apart</strong> from the text.</p>\n", text: "An aside, *set apart* from the text." },
    ]);
  });

  it("collects footnotes in order of reference", async () => {
    const { episode } = await parseEpisodeText(
      episodeText("\nFirst claim[^a] and second[^b].\n\n[^b]: The second note.\n[^a]: The first note, with a [link](https://example.org/a).\n"),
    );
    expect(episode!.footnotes).toEqual([
      { id: "fn1", html: '<p>The first note, with a <a href="https://example.org/a">link</a>.</p>\n', text: "The first note, with a link [1]." },
      { id: "fn2", html: "<p>The second note.</p>\n", text: "The second note." },
    ]);
    const prose = episode!.sections[0]!.blocks[0] as { html: string };
    expect(prose.html).toContain('<a href="#fn1" id="fnref1">');
  });

  it("renders GitHub tables and autolinks, and never raw HTML", async () => {
    const [prose] = only(
      await blocksOf("| Date | Met |\n| --- | --- |\n| Jan 13 | Li Shulei |\n\nSee https://example.org/page and <b>this</b>.\n"),
      "prose",
    );
    expect(prose!.html).toContain("<table>\n<thead>\n<tr>\n<th>Date</th>\n<th>Met</th>");
    expect(prose!.html).toContain("<td>Jan 13</td>\n<td>Li Shulei</td>");
    expect(prose!.html).toContain('<a href="https://example.org/page">https://example.org/page</a>');
    expect(prose!.html).toContain("&lt;b&gt;this&lt;/b&gt;");
  });
});

describe("blocks that are not closed or not known", () => {
  it("reports an unknown block name once, its closing line being its own", async () => {
    const { episode, lines } = await parseEpisodeText(episodeText("\n::: qoute lang=zh\nx\n:::\n\nText.\n\n::: note\nnever closed\n"));
    expect(episode).toBeUndefined();
    expect(lines).toEqual([
      'episodes/2025-01-16-sample.md:6: "qoute" is not a kind of block (did you mean "quote"?) — use one of: quote, meeting, reading, note',
      "episodes/2025-01-16-sample.md:12: the note block opened here is never closed — add a line holding only ::: where it ends",
    ]);
  });
});
