import { describe, expect, it } from "vitest";
import type { Block, NoteBlock, ProseBlock, QuoteBlock, ReadingBlock, TimelineBlock } from "../src/episode/episode.ts";
import type { PersonEntry } from "../src/episode/front-matter.ts";
import { templateEnvironments } from "../src/rendering/template-environments.ts";
import { episodeText, parseEpisodeText, testSite, type ParsedText } from "./support/episode-text.ts";
import { bodyPlainText } from "../src/episode/plain-text.ts";

/**
 * castpress's own syntax beside CommonMark's (commonmark.test.ts): each kind of block, the
 * quote's `---`, `[[Person]]` and chapter stamps inside and around lists, block quotes, fenced
 * and indented code and tables. Inside code nothing is castpress syntax; elsewhere CommonMark
 * decides where a block starts, and what castpress cannot publish faithfully is reported at
 * its line. The body starts on line 5 of each episode (4 lines of front matter).
 */
const people: PersonEntry[] = [{ name: "Wang Yi", native: "王毅", lang: "zh" }];
const parse = (body: string): Promise<ParsedText> => parseEpisodeText(episodeText(body), { people });

async function blocksOf(body: string): Promise<Block[]> {
  const { episode, lines } = await parse(body);
  expect(lines).toEqual([]);
  return episode!.sections.flatMap((section) => section.blocks);
}

const escapeHtml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Each kind of block as an author writes it, and what the parse must make of it. */
const samples = {
  quote: { text: "::: quote lang=zh\n原文\n---\nTranslation\n:::", check: (block: Block) => expect(block).toMatchObject({ kind: "quote", original: { lang: "zh", text: "原文" }, translation: { lang: "en", text: "Translation" } }) },
  meeting: { text: "::: meeting date=2025-01-13\nMet.\n:::", check: (block: Block) => expect((block as TimelineBlock).meetings).toMatchObject([{ date: "2025-01-13", blocks: [{ kind: "prose", text: "Met." }] }]) },
  reading: { text: "::: reading\n- [A link](https://example.org/a)\n:::", check: (block: Block) => expect((block as ReadingBlock).items).toMatchObject([{ url: "https://example.org/a", title: "A link" }]) },
  note: { text: "::: note\nAn aside.\n:::", check: (block: Block) => expect((block as NoteBlock).blocks).toMatchObject([{ kind: "prose", text: "An aside." }]) },
};
const kinds = Object.keys(samples) as (keyof typeof samples)[];

describe("the four cases a line pre-scan got wrong", () => {
  it("a prose line that begins with ::: is prose", async () => {
    const [prose] = (await blocksOf("\n::: is the scope operator in Ruby.\n")) as ProseBlock[];
    expect(prose!.html).toBe("<p>::: is the scope operator in Ruby.</p>\n");
  });

  it("::: note inside a code fence opened on a list item's line is code", async () => {
    const [prose] = (await blocksOf("\n- ```\n  ::: note\n  ```\n")) as ProseBlock[];
    expect(prose!.html).toBe("<ul>\n<li>\n<pre><code>::: note\n</code></pre>\n</li>\n</ul>\n");
  });

  it("a line CommonMark does not take for a fence (``` a`b) opens nothing, and the quote after it keeps its separator", async () => {
    const blocks = await blocksOf("\n``` a`b\nfoo\n\n::: quote lang=zh\n原文\n---\nTranslation\n:::\n");
    expect(blocks.map((block) => block.kind)).toEqual(["prose", "quote"]);
    expect((blocks[0] as ProseBlock).html).toBe("<p>``` a`b\nfoo</p>\n");
    samples.quote.check(blocks[1]!);
    expect((blocks[1] as QuoteBlock).original.html).toBe("<p>原文</p>\n");
  });

  it("an indented code line --- inside a quote is code, not the separator", async () => {
    const [quote] = (await blocksOf("\n::: quote lang=zh\n原文\n\n    line one\n    ---\n    line two\n\n---\nTranslation\n:::\n")) as QuoteBlock[];
    expect(quote!.original.html).toBe("<p>原文</p>\n<pre><code>line one\n---\nline two\n</code></pre>\n");
    expect(quote!.translation).toMatchObject({ lang: "en", html: "<p>Translation</p>\n" });
  });
});

describe.each(kinds)("a %s block", (kind) => {
  const { text, check } = samples[kind];
  const indent = (prefix: string) => text.replace(/^/gm, prefix);

  it("inside a fenced code block is code", async () => {
    const [prose] = (await blocksOf(`\n~~~\n${text}\n~~~\n`)) as ProseBlock[];
    expect(prose!.html).toBe(`<pre><code>${escapeHtml(text)}\n</code></pre>\n`);
  });

  it("inside indented code is code", async () => {
    const [prose] = (await blocksOf(`\nText.\n\n${indent("    ")}\n`)) as ProseBlock[];
    expect(prose!.html).toBe(`<p>Text.</p>\n<pre><code>${escapeHtml(text)}\n</code></pre>\n`);
  });

  it("inside a table cell is the cell's text", async () => {
    const [prose] = (await blocksOf(`\n| a |\n| --- |\n| ${text.split("\n")[0]} |\n`)) as ProseBlock[];
    expect(prose!.html).toContain(`<td>${escapeHtml(text.split("\n")[0]!)}</td>`);
  });

  it.each([
    ["a list item", "- item\n\n", "  "],
    ["a block quote", "> quoted\n>\n", "> "],
  ])("inside %s is reported at its line: a block cannot stand in Markdown's own HTML", async (_, before, prefix) => {
    const { episode, lines } = await parse(`\n${before}${indent(prefix)}\n`);
    expect(episode).toBeUndefined();
    expect(lines).toEqual([`episodes/2025-01-16-sample.md:8: this ${kind} block is inside a list item or block quote — start its opening line at the left margin, outside the list or block quote`]);
  });

  it.each([
    ["a list", "- one\n- two\n", "<ul>"],
    ["a block quote", "> quoted\n", "<blockquote>"],
    ["a fenced code block", "```\n:::\n---\n```\n", "<pre><code>:::\n---\n</code></pre>"],
    ["a table", "| a |\n| --- |\n| 1 |\n", "<table>"],
    ["a paragraph", "Some text\n", "<p>Some text</p>"],
  ])("right after %s, with no blank line, starts where CommonMark ends it", async (_, before, html) => {
    const blocks = await blocksOf(`\n${before}${text}\n\nAfter.\n`);
    expect(blocks.map((block) => block.kind)).toEqual(["prose", kind === "meeting" ? "timeline" : kind, "prose"]);
    expect((blocks[0] as ProseBlock).html).toContain(html);
    check(blocks[1]!);
  });

  it("right before a list, block quote or table is closed by its closing line", async () => {
    const blocks = await blocksOf(`\n${text}\n- after\n\n${text}\n> after\n\n${text}\n| a |\n| --- |\n| 1 |\n`);
    expect(blocks.filter((block) => block.kind === "prose").map((block) => (block as ProseBlock).html.slice(0, 12))).toEqual(["<ul>\n<li>aft", "<blockquote>", "<table>\n<the"]);
  });
});

describe("what a block holds, closed right after it", () => {
  it.each([
    ["a list", "- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"],
    ["a block quote", "> quoted", "<blockquote>\n<p>quoted</p>\n</blockquote>\n"],
    ["a fenced code block holding ::: and ---", "```\n:::\n---\n```", "<pre><code>:::\n---\n</code></pre>\n"],
    ["indented code holding :::", "    :::", "<pre><code>:::\n</code></pre>\n"],
    ["a table", "| a |\n| --- |\n| 1 |", "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n</tr>\n</tbody>\n</table>\n"],
  ])("a note and a meeting hold %s", async (_, inner, html) => {
    const [note] = (await blocksOf(`\n::: note\n${inner}\n:::\n`)) as NoteBlock[];
    expect(note!.blocks).toMatchObject([{ kind: "prose", html }]);
    const [timeline] = (await blocksOf(`\n::: meeting date=2025-01-13\n${inner}\n:::\n`)) as TimelineBlock[];
    expect(timeline!.meetings[0]!.blocks).toMatchObject([{ kind: "prose", html }]);
  });

  it.each([
    ["a list", "- 一\n- 二", "<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n"],
    ["a block quote", "> 引用", "<blockquote>\n<p>引用</p>\n</blockquote>\n"],
    ["a fenced code block holding ---", "```\n---\n```", "<pre><code>---\n</code></pre>\n"],
    ["a table", "| 甲 |\n| --- |\n| 乙 |", "<table>\n<thead>\n<tr>\n<th>甲</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>乙</td>\n</tr>\n</tbody>\n</table>\n"],
  ])("a quote's original holds %s, and the --- right after it is the separator", async (_, inner, html) => {
    const [quote] = (await blocksOf(`\n::: quote lang=zh\n${inner}\n---\nTranslation\n:::\n`)) as QuoteBlock[];
    expect(quote!.original).toEqual({ lang: "zh", html, text: expect.any(String) });
    expect(quote!.translation).toMatchObject({ lang: "en", html: "<p>Translation</p>\n" });
  });

  it("a quote whose --- CommonMark puts inside a list item is reported, not published as one language", async () => {
    const { episode, lines } = await parse("\n::: quote lang=zh\n- 一\n\n  ---\n  Translation\n:::\n");
    expect(episode).toBeUndefined();
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:9: this `---` is inside a list item or block quote within the quote, so it does not separate the original from the translation — put the `---` on a line of its own at the quote's left margin, with a blank line above it if a list or block quote ends there",
    ]);
  });

  it.each([["----"], ["- - -"], [" -- -"], ["\n----"]])("a quote whose only line of dashes is %j (a rule, or a heading's underline) is reported, not published as one language", async (dashes) => {
    const { episode, lines } = await parse(`\n::: quote lang=zh\n原文\n${dashes.startsWith("\n") ? dashes.slice(1) : `\n${dashes}`}\nTranslation\n:::\n`);
    expect(episode).toBeUndefined();
    expect(lines).toEqual([
      `episodes/2025-01-16-sample.md:${dashes.startsWith("\n") ? 8 : 9}: this line of dashes is not the quote's separator, which is a line holding only \`---\` — write the separator as \`---\`; for a rule inside the quote, write ***`,
    ]);
  });

  it("a quote with a second ---, an empty part, or another block inside is reported at its line", async () => {
    const { lines } = await parse("\n::: quote lang=zh\n原文\n---\nOne\n---\nTwo\n:::\n\n::: quote lang=zh\n---\nOnly a translation\n:::\n\n:::: quote lang=zh\n原文\n::: note\nx\n:::\n::::\n");
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:10: this quote has a second `---` line — a quote has one `---` line, between the original and its translation; for a rule inside it, write *** instead",
      "episodes/2025-01-16-sample.md:15: the quote's original (above its `---` line) is empty — write the original above the `---` line and its translation below it",
      "episodes/2025-01-16-sample.md:21: a quote holds quoted text only, not a note block — close the quote before this block, and open it again after if needed",
    ]);
  });
});

describe("[[Person]] and chapter stamps beside Markdown", () => {
  it("is a person in a list, a block quote, a table cell and a quote, and text in code", async () => {
    const blocks = await blocksOf("\n- [[Wang Yi]]\n\n> [[Wang Yi]]\n\n| who |\n| --- |\n| [[Wang Yi]] |\n\n`[[Wang Yi]]`\n\n    [[Wang Yi]]\n\n::: quote\n[[Wang Yi]]\n:::\n");
    const html = blocks.map((block) => (block.kind === "prose" ? block.html : (block as QuoteBlock).original.html)).join("");
    expect(html.match(/<a class="person" href="\/people\/wang-yi\/">Wang Yi<\/a>/g)).toHaveLength(4);
    expect(html).toContain("<code>[[Wang Yi]]</code>");
    expect(html).toContain("<pre><code>[[Wang Yi]]\n</code></pre>");
  });

  it("is Markdown's where the brackets are a link, an image or a reference, or escaped", async () => {
    const [prose] = (await blocksOf("\n[[Wang Yi]](https://example.org/a) [[x]][ref] ![[Wang Yi]] \\[[Wang Yi]] [see [[Wang Yi]]](https://example.org/b)\n\n[x]: https://example.org/x\n")) as ProseBlock[];
    expect(prose!.html).toBe(
      '<p><a href="https://example.org/a">[Wang Yi]</a> [<a href="https://example.org/x">x</a>][ref] ![[Wang Yi]] [[Wang Yi]] <a href="https://example.org/b">see [[Wang Yi]]</a></p>\n',
    );
  });

  it("reads a stamp only on a section's ## heading, not one in a list, a block quote, a block or code", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText(
        "\n- ## [00:10] In a list\n\n> ## [00:20] In a block quote\n\n::: note\n## [00:30] In a note\n:::\n\n```\n## [00:40] In code\n```\n\n## [00:50] The one chapter\n",
        'title: Sample\ndate: 2025-01-16\naudio:\n  src: https://example.org/a.mp3\n  duration: "10:00"\n  length: 1000',
      ),
    );
    expect(lines).toEqual([]);
    expect(episode!.chapters).toEqual([{ title: "The one chapter", start: 50, id: "the-one-chapter" }]);
    expect(bodyPlainText(episode!)).toContain("[00:30] In a note");
  });
});

describe("one cause, one message", () => {
  it("a quote left open before the next meetings is one error, and the meetings are still read as a timeline", async () => {
    const { lines } = await parse(
      "\n::: quote lang=zh\n原文\n---\nTranslation\n\n::: meeting date=2025-01-13\nOne.\n:::\n\n::: meeting date=2025-01-14\nTwo.\n:::\n\n::: meeting date=2025-01-15\nThree.\n:::\n",
    );
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:6: the quote block opened here is not closed before the meeting block of line 11 — close it with a line holding only ::: above line 11; or, to put the meeting block inside it, open the quote block with more colons: :::: quote",
    ]);
  });

  it("a block closed by its outer block's closing line is one error for the inner block", async () => {
    const { lines } = await parse("\n:::: meeting date=2025-01-13\n::: quote lang=zh\n原文\n::::\n\nAfter.\n");
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:7: the quote block opened here is not closed before line 9, which closes the meeting block of line 6 — add a line holding only ::: where it ends",
    ]);
  });

  it("a block whose closing line an unclosed code fence took in names the fence", async () => {
    const { lines } = await parse("\n::: quote lang=zh\n原文\n---\n```\ncode\n:::\n\nMore.\n");
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:6: the quote block opened here is never closed: the code fence of line 9 is never closed, so everything below it is code — close the fence with a line holding only ```, then close the block with :::",
    ]);
  });

  it("a quote whose --- raw HTML took in is reported, not published as one language", async () => {
    const { episode, lines } = await parse("\n::: quote lang=zh\n<div>\n原文\n---\nTranslation\n\n:::\n");
    expect(episode).toBeUndefined();
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:7: the quote's `---` is inside raw HTML that starts here (CommonMark reads HTML on to the next blank line), so it does not separate the original from the translation — put a blank line between the HTML and the `---` line",
    ]);
  });

  it("a block of an unknown name inside a list item is one error, its name", async () => {
    const { lines } = await parse("\n- item\n\n  ::: aside\n  text\n  :::\n");
    expect(lines).toEqual(['episodes/2025-01-16-sample.md:8: "aside" is not a kind of block — use one of: quote, meeting, reading, note']);
  });

  it("a closing line inside a list item names its fix", async () => {
    const { lines } = await parse("\n::: note\n- item\n\n  :::\n:::\n");
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:9: this `:::` is inside a list item or block quote, so it cannot close the note block of line 6 — start the closing line at the left margin, outside the list or block quote",
    ]);
  });
});

describe("raw HTML, shown as the text typed", () => {
  it("shows an inline tag exactly, entities and all, and keeps Markdown between tags Markdown", async () => {
    const [prose] = (await blocksOf('\nA <b>*bold*</b> word and <a href="x?a=1&amp;b=2">a link</a>.\n')) as ProseBlock[];
    expect(prose!.html).toBe('<p>A &lt;b&gt;<em>bold</em>&lt;/b&gt; word and &lt;a href=&quot;x?a=1&amp;amp;b=2&quot;&gt;a link&lt;/a&gt;.</p>\n');
    expect(prose!.text).toBe('A <b>_bold_</b> word and <a href="x?a=1&amp;b=2">a link</a>.');
  });

  it("shows an HTML block as a paragraph of its text, with the Markdown in it as typed", async () => {
    const [prose] = (await blocksOf("\n<div class=\"box\">\n*not emphasis* [[Wang Yi]]\n</div>\n\nAfter.\n")) as ProseBlock[];
    expect(prose!.html).toBe("<p>&lt;div class=&quot;box&quot;&gt;\n*not emphasis* [[Wang Yi]]\n&lt;/div&gt;</p>\n<p>After.</p>\n");
    expect(prose!.text).toBe('<div class="box">\n*not emphasis* [[Wang Yi]]\n</div>\n\nAfter.');
  });
});

describe("a block left open is one message, whatever it swallows", () => {
  it("reports a reading block left open once, not that the prose it took in is not a list", async () => {
    const { lines } = await parse("\n::: reading\n- [A link](https://example.org/a)\n\nProse the author meant after the block.\n\n> and a block quote\n");
    expect(lines).toEqual(["episodes/2025-01-16-sample.md:6: the reading block opened here is never closed — add a line holding only ::: where it ends"]);
  });

  it("reports a quote left open before a block with more colons once: a block inside has fewer", async () => {
    const { lines } = await parse("\n::: quote lang=zh\n原文\n---\nTranslation\n\n:::: meeting date=2025-01-13\nMet.\n::::\n");
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:6: the quote block opened here is not closed before the meeting block of line 11 — close it with a line holding only ::: above line 11; or, to put the meeting block inside it, open the quote block with more colons: ::::: quote",
    ]);
  });
});

describe("a ## heading with no text (CommonMark example 79)", () => {
  it("keeps its heading on the page, names no section after a heading that is not there, and warns", async () => {
    const { episode, lines } = await parse("\nIntro.\n\n## \n\nUnder the empty heading.\n\n## Named\n\nText.\n");
    expect(lines).toEqual(["episodes/2025-01-16-sample.md:8: warning: this ## heading has no text — give the section a title, or remove the ## line"]);
    const page = templateEnvironments().markup.render("partials/episode-body.njk", { episode, castpress: { site: testSite() } });
    const sections = [...page.matchAll(/<section class="episode-section"([^>]*)>\s*(<h2 id="([^"]*)">(.*?)<\/h2>)?/g)].map((m) => ({ labelledBy: /aria-labelledby="([^"]*)"/.exec(m[1]!)?.[1], id: m[3], heading: m[4] }));
    expect(sections).toEqual([
      { labelledBy: undefined, id: undefined, heading: undefined },
      { labelledBy: undefined, id: "section-1", heading: "" },
      { labelledBy: "named", id: "named", heading: "Named" },
    ]);
  });
});
