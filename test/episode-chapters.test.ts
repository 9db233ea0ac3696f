import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildFixture } from "./support/build-in-process.ts";
import { episodeText, parseEpisodeText } from "./support/episode-text.ts";
import { bodyPlainText } from "../src/episode/plain-text.ts";

const withRemoteAudio = (duration: string) =>
  `title: Sample\ndate: 2025-01-16\naudio:\n  src: https://example.org/audio/sample.mp3\n  duration: "${duration}"\n  length: 120000`;

describe("chapters", () => {
  it("takes a ## heading's [MM:SS] stamp as a chapter start, and keeps the stamp out of its text", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText("\nOpening.\n\n## [00:00] Opening words\n\nA.\n\n## [02:15] Some *background* on resuming ties\n\nB.\n\n## Unstamped\n\nC.\n", withRemoteAudio("10:00")),
    );
    expect(lines).toEqual([]);
    expect(episode!.chapters).toEqual([
      { title: "Opening words", start: 0, id: "opening-words" },
      { title: "Some _background_ on resuming ties", start: 135, id: "some-background-on-resuming-ties" },
    ]);
    const sections = episode!.sections.map(({ id, title, titleHtml, start }) => ({ id, title, titleHtml, start }));
    expect(sections).toEqual([
      { id: "", title: "", titleHtml: "", start: undefined },
      { id: "opening-words", title: "Opening words", titleHtml: "Opening words", start: 0 },
      { id: "some-background-on-resuming-ties", title: "Some _background_ on resuming ties", titleHtml: "Some <em>background</em> on resuming ties", start: 135 },
      { id: "unstamped", title: "Unstamped", titleHtml: "Unstamped", start: undefined },
    ]);
    expect(bodyPlainText(episode!)).not.toContain("02:15");
  });

  it("reads [HH:MM:SS] stamps", async () => {
    const { episode } = await parseEpisodeText(episodeText("\n## [0:59] A\n\n## [1:02:03] B\n", withRemoteAudio("2:00:00")));
    expect(episode!.chapters.map((chapter) => chapter.start)).toEqual([59, 3723]);
  });

  it("reports a stamp that is not a time, and chapters that do not increase, at their headings", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText("\n## [1:75] Bad seconds\n\n## [1:60:00] Bad minutes\n\n## [05:00] Five\n\n## [05:00] Five again\n\n## [04:00] Four\n", withRemoteAudio("10:00")),
    );
    expect(episode).toBeUndefined();
    // The body starts on line 9, after 8 lines of front matter.
    expect(lines).toEqual([
      'episodes/2025-01-16-sample.md:10: the chapter stamp "[1:75]" is not a time — write it as [MM:SS] or [HH:MM:SS], with seconds and minutes under 60',
      'episodes/2025-01-16-sample.md:12: the chapter stamp "[1:60:00]" is not a time — write it as [MM:SS] or [HH:MM:SS], with seconds and minutes under 60',
      'episodes/2025-01-16-sample.md:16: the chapter "Five again" starts no later than the one before it — chapter stamps must increase down the episode',
      'episodes/2025-01-16-sample.md:18: the chapter "Four" starts no later than the one before it — chapter stamps must increase down the episode',
    ]);
  });

  it("reports a chapter that starts at or past the audio's end", async () => {
    const { lines } = await parseEpisodeText(
      `---\n${withRemoteAudio("01:00")}\n---\n\n## [00:30] Inside\n\n## [01:00] At the end\n\n## [1:00:00] Far past\n`,
    );
    expect(lines).toEqual([
      'episodes/2025-01-16-sample.md:12: the chapter "At the end" starts at 60 s, past the audio\'s end (60 s) — fix the stamp, or the audio file',
      'episodes/2025-01-16-sample.md:14: the chapter "Far past" starts at 3600 s, past the audio\'s end (60 s) — fix the stamp, or the audio file',
    ]);
  });

  it("keeps chapters inside the audio", async () => {
    const { episode, lines } = await parseEpisodeText(`---\n${withRemoteAudio("1:00:00")}\n---\n\n## [00:30] Inside\n\n## [59:59] Last\n`);
    expect(lines).toEqual([]);
    expect(episode!.audio).toMatchObject({ url: "https://example.org/audio/sample.mp3", duration: 3600, length: 120000, type: "audio/mpeg" });
    expect(episode!.chapters.map((chapter) => chapter.start)).toEqual([30, 3599]);
  });

  it("warns of a stamp typed with a dot or in parentheses, which stays heading text, naming the fix", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText("\n## [00.32] Dotted\n\n## (00:32) In parentheses\n\n## (1:02:03) Long\n\n## \\(00:32) Escaped on purpose\n", withRemoteAudio("2:00:00")),
    );
    expect(lines).toEqual([
      'episodes/2025-01-16-sample.md:10: warning: this heading starts with "[00.32]", which is not a chapter stamp, so it stays in the heading\'s text — to make the heading a chapter, write the stamp as [00:32]; to keep it as text, write a backslash before its first bracket',
      'episodes/2025-01-16-sample.md:12: warning: this heading starts with "(00:32)", which is not a chapter stamp, so it stays in the heading\'s text — to make the heading a chapter, write the stamp as [00:32]; to keep it as text, write a backslash before its first bracket',
      'episodes/2025-01-16-sample.md:14: warning: this heading starts with "(1:02:03)", which is not a chapter stamp, so it stays in the heading\'s text — to make the heading a chapter, write the stamp as [1:02:03]; to keep it as text, write a backslash before its first bracket',
    ]);
    expect(episode!.sections.map((section) => section.title)).toEqual(["[00.32] Dotted", "(00:32) In parentheses", "(1:02:03) Long", "(00:32) Escaped on purpose"]);
    expect(episode!.chapters).toEqual([]);
  });

  it("warns of stamps on an episode without audio, at the first stamped heading, and makes no chapters", async () => {
    const { episode, lines } = await parseEpisodeText(episodeText("\nIntro.\n\n## Unstamped\n\n## [00:30] First\n\n## [01:00] Second\n"));
    expect(lines).toEqual([
      "episodes/2025-01-16-sample.md:10: warning: this episode has chapter stamps but no audio, so it has no chapters — add the audio to the front matter (audio: src: ...), or remove the [MM:SS] stamps",
    ]);
    expect(episode!.chapters).toEqual([]);
    expect(episode!.sections.map((section) => section.title)).toEqual(["", "Unstamped", "First", "Second"]);
  });
});

describe("chapters in a build (test/fixtures/episode-chapters)", () => {
  it("give an episode with audio a chapter list and chapters.json, and one without audio neither, with the warning", async () => {
    const { dist, result } = await buildFixture("episode-chapters");
    // The paths as design.md promises them: dist/episodes/<slug>/index.html and chapters.json.
    const withAudio = await readFile(path.join(dist, "episodes/with-audio/index.html"), "utf8");
    expect(withAudio).toContain('<nav class="chapters"');
    expect(JSON.parse(await readFile(path.join(dist, "episodes/with-audio/chapters.json"), "utf8")).chapters).toEqual([
      { startTime: 30, title: "First part" },
      { startTime: 135, title: "Second part" },
    ]);
    const noAudio = await readFile(path.join(dist, "episodes/no-audio/index.html"), "utf8");
    expect(noAudio).not.toContain('<nav class="chapters"');
    expect(noAudio).toContain('<h2 id="first-part">First part</h2>');
    await expect(access(path.join(dist, "episodes/no-audio/chapters.json"))).rejects.toThrow();
    expect(result.stderr).toContain(
      "episodes/2025-01-17-no-audio.md:8: warning: this episode has chapter stamps but no audio, so it has no chapters — add the audio to the front matter (audio: src: ...), or remove the [MM:SS] stamps",
    );
  });
});
