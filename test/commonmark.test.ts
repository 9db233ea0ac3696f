import { tests as examples, type SpecExample } from "commonmark-spec";
import { describe, expect, it } from "vitest";
import { templateEnvironments } from "../src/rendering/template-environments.ts";
import { bareLinksAsLinks, dropRawMarkers, hasBareLinks, hasRawHtml, rawHtmlAsText, sectionsAsPlainHeadings } from "./support/commonmark-differences.ts";
import { episodeText, parseEpisodeText, testSite } from "./support/episode-text.ts";
import { normalisedHtml, parseHtml } from "./support/normalised-html.ts";

/**
 * CommonMark's own examples (commonmark-spec 0.31.2, all 652), each made into an episode and
 * parsed and rendered as `check` and `build` do: parseEpisode, then the web page's body
 * template. Each must give CommonMark's HTML, but for the differences the README lists under
 * "How castpress differs from CommonMark", each applied as a rule (support/commonmark-differences.ts).
 */
const environments = templateEnvironments();
const castpress = { site: testSite() };

interface Outcome {
  example: SpecExample;
  rules: string[];
  problems: string[];
  expected: string;
  actual: string;
}

async function run(example: SpecExample): Promise<Outcome> {
  const markdown = example.markdown.replace(/→/g, "\t");
  const { episode, lines } = await parseEpisodeText(episodeText(markdown));
  const rules: string[] = [];
  let expectedHtml = example.html.replace(/→/g, "\t");
  if (hasRawHtml(markdown)) {
    rules.push("raw HTML is text");
    expectedHtml = rawHtmlAsText(markdown, expectedHtml);
  }
  const expected = parseHtml(expectedHtml);
  if (hasBareLinks(expected, markdown)) {
    rules.push("bare links are links");
    bareLinksAsLinks(expected, markdown);
  }
  dropRawMarkers(expected);
  const page = parseHtml(episode ? environments.markup.render("partials/episode-body.njk", { episode, castpress }) : "");
  if (episode?.sections.some((section) => section.id !== "")) rules.push("## headings are sections");
  sectionsAsPlainHeadings(page);
  return { example, rules, problems: lines, expected: normalisedHtml(expected), actual: normalisedHtml(page) };
}

describe("CommonMark's 652 examples through castpress's episode path", async () => {
  const outcomes = await Promise.all(examples.map(run));

  it("has all 652 examples", () => {
    expect(outcomes).toHaveLength(652);
  });

  it("renders every example as CommonMark does, but for the documented differences", () => {
    const failures = outcomes.filter((outcome) => outcome.expected !== outcome.actual || outcome.problems.some((line) => !line.includes(": warning: ")));
    const byRule = new Map<string, number>();
    for (const { rules } of outcomes) for (const rule of rules.length ? rules : ["none"]) byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    console.log(
      `CommonMark examples: ${outcomes.length - failures.length} of ${outcomes.length} as CommonMark says or as a rule says; ` +
        `by rule: ${[...byRule].map(([rule, count]) => `${rule} ${count}`).join(", ")}`,
    );
    expect(
      failures.map(({ example, problems, expected, actual }) => ({ example: example.number, section: example.section, markdown: example.markdown, problems, expected, actual })),
    ).toEqual([]);
  });
});
