import { beforeAll, describe, expect, it } from "vitest";
import type { Episode } from "../../src/episode/episode.ts";
import { castpressData, outputsGoneSince, renderingChangesSince } from "../../src/project/castpress-data.ts";
import type { Project } from "../../src/project/load-project.ts";
import { episodeText, parseEpisodeText, testSite } from "../support/episode-text.ts";

/** Episodes parsed from text, newest first as loadProject orders them. */
async function episode(slug: string, day: string, extra = ""): Promise<Episode> {
  const front = `title: Episode ${slug}\ndate: ${day}${extra}`;
  const { episode, lines } = await parseEpisodeText(episodeText("Text.\n", front), { fileName: `${day}-${slug}.md` });
  if (!episode) throw new Error(lines.join("\n"));
  return episode;
}

const project = (episodes: Episode[], perPage = 2): Project => ({
  root: "/project",
  site: testSite({ perPage }),
  people: new Map(),
  allEpisodes: episodes,
  episodes,
  problems: [],
});

let a: Episode, b: Episode, c: Episode, d: Episode;
beforeAll(async () => {
  [a, b, c, d] = await Promise.all([
    episode("a", "2025-01-04", "\ntags: [Japan, China]"),
    episode("b", "2025-01-03", "\ntags: [Japan]"),
    episode("c", "2025-01-02"),
    episode("d", "2025-01-01", "\ntags: [china]"),
  ]);
});

describe("castpressData", () => {
  it("pages the archive by the config's perPage, newest first, with one page even when there are no episodes", () => {
    expect(castpressData(project([a, b, c, d]), false).archive.map((page) => page.episodes.map((e) => e.slug))).toEqual([["a", "b"], ["c", "d"]]);
    expect(castpressData(project([]), false).archive).toEqual([{ number: 1, count: 1, episodes: [] }]);
  });

  it("lists each tag once by its slug, with its episodes newest first", () => {
    const tags = castpressData(project([a, b, c, d]), false).tags;
    expect(tags.map((tag) => [tag.slug, tag.episodes.map((e) => e.slug)])).toEqual([
      ["china", ["a", "d"]],
      ["japan", ["a", "b"]],
    ]);
  });

  it("renders every page of a first build", () => {
    const data = castpressData(project([a, b, c, d]), false);
    expect(data.render.episodes).toEqual([a, b, c, d]);
    expect(data.render.archive).toHaveLength(2);
  });
});

describe("after an edit", () => {
  it("renders the edited episode, its neighbours' pages, and the archive pages and tags that show it", async () => {
    const before = castpressData(project([a, b, c, d]), false);
    const edited = await episode("b", "2025-01-03", "\ntags: [Japan]\nsubtitle: Now with a subtitle");
    const after = renderingChangesSince(before, castpressData(project([a, edited, c, d]), false));
    expect(after.render.episodes.map((e) => e.slug)).toEqual(["b"]);
    // a and c link to b as their neighbours, so their pages show the edited episode too; d's does not.
    expect(after.render.episodePages.map((e) => e.slug)).toEqual(["a", "b", "c"]);
    expect(after.render.archive.map((page) => page.number)).toEqual([1]);
    expect(after.render.tags.map((tag) => tag.slug)).toEqual(["japan"]);
  });

  it("names the outputs of a deleted episode, and of a tag no episode has any more", () => {
    const before = castpressData(project([a, b, c, d]), false);
    const after = castpressData(project([a, b, c]), false);
    expect(outputsGoneSince(before, after).sort()).toEqual(
      // The published paths, as docs/design.md promises them.
      ["/email/d.eml", "/email/d.html", "/email/d.txt", "/episodes/d/", "/episodes/d/chapters.json"].sort(),
    );
    const fewer = castpressData(project([a]), false);
    expect(outputsGoneSince(before, fewer)).toContain("/page/2/");
  });
});
