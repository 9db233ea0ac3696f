import { describe, expect, it } from "vitest";
import { episodeText, parseEpisodeText } from "./support/episode-text.ts";

describe("front matter", () => {
  it("reads every key into the episode", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText(
        "\nText.\n",
        `title: "China–Japan: a reset"
subtitle: Ruling party talks resume after six years
date: 2025-01-16
summary: >-
  The exchange mechanism resumed
  in Beijing.
guid: 7fff0468-575e-4747-a336-88080f06fd13
tags: [china, japan, china]
episode: 3
season: 2
episodeType: bonus
explicit: true`,
      ),
    );
    expect(lines).toEqual([]);
    expect(episode).toMatchObject({
      file: "episodes/2025-01-16-sample.md",
      slug: "sample",
      title: "China–Japan: a reset",
      subtitle: "Ruling party talks resume after six years",
      summary: "The exchange mechanism resumed in Beijing.",
      dateText: "2025-01-16",
      guid: "7fff0468-575e-4747-a336-88080f06fd13",
      tags: ["china", "japan"],
      episodeNumber: 3,
      season: 2,
      episodeType: "bonus",
      explicit: true,
      draft: false,
      scheduled: false,
    });
  });

  it("defaults: full episode, site's explicit, and a guid from the slug that a new title keeps", async () => {
    const first = await parseEpisodeText(episodeText("\nText.\n", "title: One title\ndate: 2025-01-16"), { site: { explicit: true } });
    const retitled = await parseEpisodeText(episodeText("\nText.\n", "title: Another title\ndate: 2025-01-17"));
    const otherSlug = await parseEpisodeText(episodeText("\nText.\n"), { fileName: "2025-01-16-other.md" });
    expect(first.episode).toMatchObject({ episodeType: "full", explicit: true, tags: [] });
    expect(first.episode!.guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retitled.episode!.guid).toBe(first.episode!.guid);
    expect(otherSlug.episode!.guid).not.toBe(first.episode!.guid);
  });

  it("reports wrong types and ranges in words, at each key's line", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText(
        "\nText.\n",
        `title: ["a list"]
date: 2025-01-16
subtitle: "two\\nlines"
summary: "${"x".repeat(4001)}"
episode: -2
episodeType: Full
audio:
  src: https://example.org/a.mp3
  duration: 18 minutes
  length: 1.5
  type: mp3
explicit: "no"`,
      ),
    );
    expect(episode).toBeUndefined();
    const file = "episodes/2025-01-16-sample.md";
    expect(lines).toEqual([
      `${file}:2: title must be text, not a list — give the episode a title: title: "..."`,
      `${file}:4: subtitle "two\\nlines" is more than one line — keep the subtitle to one line`,
      `${file}:5: summary is longer than 4000 characters (it has 4001) — shorten the summary to at most 4000 characters`,
      `${file}:6: episode must be at least 1, not -2 — the episode number: a whole number from 1`,
      `${file}:7: episodeType must be full, trailer or bonus, not "Full" — full, trailer or bonus`,
      `${file}:10: audio.duration "18 minutes" is not in the expected form — write the duration as seconds, "MM:SS" or "HH:MM:SS"`,
      `${file}:11: audio.length must be a whole number, not 1.5 — the file's size in bytes`,
      `${file}:12: audio.type "mp3" is not an audio MIME type — a MIME type such as audio/mpeg, or leave it out to infer it from the extension`,
      `${file}:13: explicit must be true or false, not "no" — true or false`,
    ]);
  });

  it("accepts a date with an offset, and refuses dates that are not dates", async () => {
    const withOffset = await parseEpisodeText(episodeText("\nText.\n", "title: T\ndate: 2025-01-16T09:00:00+09:00"));
    expect(withOffset.episode!.date.toISOString()).toBe("2025-01-16T00:00:00.000Z");
    for (const date of ["2025-02-30", "16 January 2025", "2025-13-01"]) {
      const { lines } = await parseEpisodeText(episodeText("\nText.\n", `title: T\ndate: "${date}"`));
      expect(lines).toEqual([
        `episodes/2025-01-16-sample.md:3: the date "${date}" is not a real date — write a real date as YYYY-MM-DD, or ISO 8601 with an offset: 2025-01-16T09:00:00+09:00`,
      ]);
    }
  });

  it("refuses a file without front matter, and a name that is not YYYY-MM-DD-slug.md", async () => {
    expect((await parseEpisodeText("Just text.\n")).lines).toEqual([
      "episodes/2025-01-16-sample.md:1: the episode has no front matter — start the file with a --- line, the title and date, and another --- line",
    ]);
    expect((await parseEpisodeText(episodeText("\nText.\n"), { fileName: "2025-1-16-My Episode.md" })).lines).toEqual([
      "episodes/2025-1-16-My Episode.md:1: the file name is not YYYY-MM-DD-slug.md — rename it, e.g. 2025-01-16-my-episode.md (lowercase letters, digits and hyphens); start it with _ to keep it out",
    ]);
  });

  it("reports a key given twice", async () => {
    const { lines } = await parseEpisodeText(episodeText("\nText.\n", "title: T\ndate: 2025-01-16\ntitle: Again"));
    expect(lines).toEqual(["episodes/2025-01-16-sample.md:4: this key appears a second time — keep one of the two"]);
  });
});
