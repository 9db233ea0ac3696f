import { describe, expect, it } from "vitest";
import type { ProseBlock, QuoteBlock } from "../src/episode/episode.ts";
import type { PersonEntry } from "../src/episode/front-matter.ts";
import { episodeText, parseEpisodeText } from "./support/episode-text.ts";

const directory: PersonEntry[] = [
  { name: "Fukuda Tatsuo", native: "福田達夫", lang: "ja", role: "Acting Secretary-General, Liberal Democratic Party" },
  { name: "Wang Yi", native: "王毅", lang: "zh" },
  { name: "Cai Liang" },
];

const ownPeople = `title: Sample
date: 2025-01-16
people:
  - name: Sakuraba Michiko
    native: 桜庭美智子
    lang: ja
    role: Director for International Affairs`;

describe("people", () => {
  it("resolves names from the directory and from the episode's own people, in order of first mention", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText("\n[[Sakuraba Michiko]] met [[Fukuda Tatsuo]]; [[Fukuda Tatsuo]] met [[Cai Liang]].\n", ownPeople),
      { people: directory },
    );
    expect(lines).toEqual([]);
    expect(episode!.people).toEqual([
      { name: "Sakuraba Michiko", slug: "sakuraba-michiko", native: "桜庭美智子", lang: "ja", role: "Director for International Affairs" },
      { name: "Fukuda Tatsuo", slug: "fukuda-tatsuo", native: "福田達夫", lang: "ja", role: "Acting Secretary-General, Liberal Democratic Party" },
      { name: "Cai Liang", slug: "cai-liang" },
    ]);
  });

  it("shows the native name, marked with its language, at the first mention only", async () => {
    const { episode } = await parseEpisodeText(
      episodeText("\nFirst [[Wang Yi]].\n\n::: quote speaker=\"Wang Yi\"\nQuoting [[Wang Yi]] again.\n:::\n\nAnd [[Wang Yi]].\n"),
      { people: directory },
    );
    const [first, quote, last] = episode!.sections[0]!.blocks as [ProseBlock, QuoteBlock, ProseBlock];
    expect(first.html).toBe('<p>First <a class="person" href="/people/wang-yi/">Wang Yi</a> <span class="person-native">(<span lang="zh">王毅</span>)</span>.</p>\n');
    expect(first.text).toBe("First Wang Yi (王毅).");
    expect(quote.original.html).toBe('<p>Quoting <a class="person" href="/people/wang-yi/">Wang Yi</a> again.</p>\n');
    expect(last.html).toBe('<p>And <a class="person" href="/people/wang-yi/">Wang Yi</a>.</p>\n');
    expect(last.text).toBe("And Wang Yi.");
  });

  it("shows other text with [[Name|shown]], still linking the person", async () => {
    const { episode } = await parseEpisodeText(episodeText("\n[[Fukuda Tatsuo|Tatsuo]] spoke.\n"), { people: directory });
    const prose = episode!.sections[0]!.blocks[0] as { html: string; text: string };
    expect(prose.html).toBe('<p><a class="person" href="/people/fukuda-tatsuo/">Tatsuo</a> <span class="person-native">(<span lang="ja">福田達夫</span>)</span> spoke.</p>\n');
    expect(prose.text).toBe("Tatsuo (福田達夫) spoke.");
    expect(episode!.people.map((person) => person.name)).toEqual(["Fukuda Tatsuo"]);
  });

  it("escapes what a name and its shown text hold", async () => {
    const { episode } = await parseEpisodeText(
      episodeText('\n[[A & B|<A> & "B"]]\n', 'title: Sample\ndate: 2025-01-16\npeople:\n  - name: A & B\n    native: "<甲>"\n    lang: zh'),
    );
    expect((episode!.sections[0]!.blocks[0] as { html: string }).html).toBe(
      '<p><a class="person" href="/people/a-and-b/">&lt;A&gt; &amp; &quot;B&quot;</a> <span class="person-native">(<span lang="zh">&lt;甲&gt;</span>)</span></p>\n',
    );
  });

  it("reports a name no directory knows, on its own line, with the nearest name", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText("\nA paragraph that runs\nover lines and names [[Fukuda Tatsou]]\nthen [[Nobody Atall]].\n"),
      { people: directory },
    );
    expect(episode).toBeUndefined();
    expect(lines).toEqual([
      'episodes/2025-01-16-sample.md:7: no one called "Fukuda Tatsou" is in the people directory or this episode\'s people (did you mean "Fukuda Tatsuo"?) — fix the name, or add the person to people.yaml or to this episode\'s `people:` list',
      'episodes/2025-01-16-sample.md:8: no one called "Nobody Atall" is in the people directory or this episode\'s people — fix the name, or add the person to people.yaml or to this episode\'s `people:` list',
    ]);
  });

  it("reports an episode's person entry that is wrong, at the entry's line, and still knows the others", async () => {
    const { lines } = await parseEpisodeText(
      episodeText(
        "\n[[Sakuraba Michiko]] and [[Ito Ken]] and [[Wang Yi]].\n",
        "title: Sample\ndate: 2025-01-16\npeople:\n  - name: Sakuraba Michiko\n    native: 桜庭美智子\n  - nme: Ito Ken\n  - name: Wang Yi\n    role: again",
      ),
      { people: directory },
    );
    expect(lines).toEqual([
      'episodes/2025-01-16-sample.md:5: "Sakuraba Michiko" has a native name but no lang — add lang: ja (or zh, ko, ...) so the right glyphs are chosen',
      "episodes/2025-01-16-sample.md:7: people entry 2, name is missing — give the person's name as it appears in [[...]]",
      'episodes/2025-01-16-sample.md:7: unknown key "nme" in people entry 2 (did you mean "name"?) — use one of: name, native, lang, role',
      'episodes/2025-01-16-sample.md:8: "Wang Yi" is already in people.yaml — remove the entry here, or change the one in people.yaml: a person has one page',
      'episodes/2025-01-16-sample.md:12: no one called "Ito Ken" is in the people directory or this episode\'s people — fix the name, or add the person to people.yaml or to this episode\'s `people:` list',
    ]);
  });
});
