import { describe, expect, it } from "vitest";
import type { Block, Meeting } from "../../src/episode/episode.ts";
import { episodeText, parseEpisodeText } from "../support/episode-text.ts";
import { bodyPlainText } from "../../src/episode/plain-text.ts";

const PEOPLE = [{ name: "Takaichi Sanae", native: "高市早苗", lang: "ja" }];

const meetingsOf = (blocks: Block[]): Meeting[] => blocks.flatMap((block) => (block.kind === "timeline" ? block.meetings : []));

describe("a meeting's with=", () => {
  it("is the person's first mention when it comes first: the meeting shows the native name, the later [[mention]] does not", async () => {
    const { episode, lines } = await parseEpisodeText(
      episodeText('\n::: meeting date=2025-10-30 with="Takaichi Sanae"\nThey met.\n:::\n\nLater, [[Takaichi Sanae]] spoke.\n'),
      { people: PEOPLE },
    );
    expect(lines).toEqual([]);
    const [meeting] = meetingsOf(episode!.sections.flatMap((section) => section.blocks));
    expect(meeting!.withPerson).toEqual({ person: expect.objectContaining({ name: "Takaichi Sanae", native: "高市早苗" }), first: true });
    expect(bodyPlainText(episode!)).toContain("Later, Takaichi Sanae spoke.");
    expect(bodyPlainText(episode!)).not.toContain("(高市早苗)");
    expect(episode!.people.map((person) => person.name)).toEqual(["Takaichi Sanae"]);
  });

  it("is a later mention after [[Name]] in the text above it", async () => {
    const { episode } = await parseEpisodeText(
      episodeText('\n[[Takaichi Sanae]] arrived.\n\n::: meeting date=2025-10-30 with="Takaichi Sanae"\nThey met.\n:::\n'),
      { people: PEOPLE },
    );
    expect(bodyPlainText(episode!)).toContain("Takaichi Sanae (高市早苗) arrived.");
    expect(meetingsOf(episode!.sections.flatMap((section) => section.blocks))[0]!.withPerson?.first).toBe(false);
  });

  it("stays text when it names no one known, and warns only when a known name is close", async () => {
    const group = await parseEpisodeText(episodeText('\n::: meeting date=2025-10-30 with="the Japanese delegation"\nThey met.\n:::\n'), { people: PEOPLE });
    expect(group.lines).toEqual([]);
    expect(meetingsOf(group.episode!.sections.flatMap((section) => section.blocks))[0]).toMatchObject({ with: "the Japanese delegation" });
    const typo = await parseEpisodeText(episodeText('\n::: meeting date=2025-10-30 with="Takaichi Sana"\nThey met.\n:::\n'), { people: PEOPLE });
    expect(typo.lines).toEqual([
      'episodes/2025-01-16-sample.md:6: warning: this meeting is with "Takaichi Sana", who is not in the people directory or this episode\'s people (did you mean "Takaichi Sanae"?) — fix the name, so the meeting links to the person\'s page; or add the person to people.yaml',
    ]);
    expect(typo.episode).toBeDefined();
  });
});
