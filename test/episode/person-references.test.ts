import { expect, it } from "vitest";
import type { ProseBlock } from "../../src/episode/episode.ts";
import { episodeText, parseEpisodeText } from "../support/episode-text.ts";

// Regression, found by test/property-episodes.test.ts: markdown-it reads `*` and `_` as
// emphasis before castpress looks for `[[Name]]`, so a name holding them was silently left as
// text (no link, no error). Names are matched as typed, like every other name.
const people = [{ name: "*Star* Lee", native: "李星", lang: "zh" }, { name: "Kim_Jun_" }];

it("reads [[Name]] whose name holds emphasis marks as the person, as typed", async () => {
  const { episode, lines } = await parseEpisodeText(episodeText("[[*Star* Lee]] met [[Kim_Jun_]] and *said* so."), { people });
  expect(lines).toEqual([]);
  const prose = episode!.sections[0]!.blocks[0] as ProseBlock;
  expect(prose.html).toContain('<a class="person" href="/people/star-lee/">*Star* Lee</a>');
  expect(prose.html).toContain('<span lang="zh">李星</span>');
  expect(prose.html).toContain('<a class="person" href="/people/kim-jun/">Kim_Jun_</a>');
  expect(prose.html).toContain("<em>said</em>");
  expect(episode!.people.map((person) => person.name)).toEqual(["*Star* Lee", "Kim_Jun_"]);
});

it("refuses, at its line, a [[...]] that cuts emphasis from outside it in two", async () => {
  const { lines } = await parseEpisodeText(episodeText("Intro.\n\n*so [[Star* Lee]] met."), { people });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^episodes\/[\w.-]+\.md:7: \[\[Star\* Lee\]\] starts or ends inside emphasis/);
});

// Regression, found by test/property-episodes.test.ts (seed 316331903): a pair of backticks in a
// name made a code span that hid the reference, with no message.
it("reads [[Name]] whose name holds a pair of backticks as the person, and leaves brackets that are code as code", async () => {
  const coded = [{ name: "`Ann` Lee", native: "李安", lang: "zh" }, { name: "Bo" }];
  const { episode, lines } = await parseEpisodeText(episodeText("[[`Ann` Lee]] met `[[Bo]]` and `x[[Bo` ]] and [[Bo]] `after`."), { people: coded });
  expect(lines).toEqual([]);
  const prose = episode!.sections[0]!.blocks[0] as ProseBlock;
  // The page's address is the slug's business (test/reliability-page-names.test.ts), not this test's.
  expect(prose.html.replace(/href="\/people\/[^"]+\/"/g, 'href="…"')).toBe(
    '<p><a class="person" href="…">`Ann` Lee</a> <span class="person-native">(<span lang="zh">李安</span>)</span> met <code>[[Bo]]</code> and <code>x[[Bo</code> ]] and <a class="person" href="…">Bo</a> <code>after</code>.</p>\n',
  );
  expect(prose.text).toBe("`Ann` Lee (李安) met `[[Bo]]` and `x[[Bo` ]] and Bo `after`.");
  expect(episode!.people.map((person) => person.name)).toEqual(["`Ann` Lee", "Bo"]);
});
