import { describe, expect, it } from "vitest";
import { episodeDescription } from "../../src/rendering/episode-description.ts";

const bytes = (text: string) => Buffer.byteLength(text);

describe("episodeDescription", () => {
  it("is the summary, else the subtitle, else the body's opening (docs/episode-format.md)", () => {
    expect(episodeDescription({ summary: "S.", subtitle: "T", plainText: "B" })).toBe("S.");
    expect(episodeDescription({ subtitle: "T", plainText: "B" })).toBe("T");
    expect(episodeDescription({ plainText: "Body\n\nin   two paragraphs." })).toBe("Body in two paragraphs.");
  });

  it("keeps to Apple's 4000 bytes, cut between characters, for a summary of 4000 CJK characters", () => {
    const summary = "日本語".repeat(1334);
    const description = episodeDescription({ summary, plainText: "" });
    expect(bytes(description)).toBeLessThanOrEqual(4000);
    expect(description.endsWith("…")).toBe(true);
    expect(summary.startsWith(description.slice(0, -1))).toBe(true);
  });

  it("takes a sentence or two of a long body, not all of it", () => {
    const body = "A sentence of the body. ".repeat(200);
    const description = episodeDescription({ plainText: body });
    expect(bytes(description)).toBeLessThanOrEqual(300);
    expect(body.startsWith(description.slice(0, -1))).toBe(true);
  });
});
