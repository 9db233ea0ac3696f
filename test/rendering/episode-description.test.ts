import { describe, expect, it } from "vitest";
import type { Section } from "../../src/episode/episode.ts";
import { episodeDescription } from "../../src/rendering/episode-description.ts";

const bytes = (text: string) => Buffer.byteLength(text);
/** A body of untitled prose paragraphs, as the parse makes it. */
const body = (...paragraphs: string[]): Section[] => [{ id: "", title: "", titleHtml: "", blocks: paragraphs.map((text) => ({ kind: "prose", html: `<p>${text}</p>`, text })) }];

describe("episodeDescription", () => {
  it("is the summary, else the subtitle, else the body's opening (docs/episode-format.md)", () => {
    expect(episodeDescription({ summary: "S.", subtitle: "T", sections: body("B") })).toBe("S.");
    expect(episodeDescription({ subtitle: "T", sections: body("B") })).toBe("T");
    expect(episodeDescription({ sections: body("Body", "in   two paragraphs.") })).toBe("Body in two paragraphs.");
  });

  it("keeps to Apple's 4000 bytes, cut between characters, for a summary of 4000 CJK characters", () => {
    const summary = "日本語".repeat(1334);
    const description = episodeDescription({ summary, sections: [] });
    expect(bytes(description)).toBeLessThanOrEqual(4000);
    expect(description.endsWith("…")).toBe(true);
    expect(summary.startsWith(description.slice(0, -1))).toBe(true);
  });

  it("takes a sentence or two of a long body, not all of it", () => {
    const paragraph = "A sentence of the body. ".repeat(20).trim();
    const description = episodeDescription({ sections: body(...Array.from({ length: 10 }, () => paragraph)) });
    expect(bytes(description)).toBeLessThanOrEqual(300);
    expect(bytes(description)).toBeGreaterThan(250);
    expect(`${paragraph} ${paragraph}`.startsWith(description.slice(0, -1))).toBe(true);
  });
});
