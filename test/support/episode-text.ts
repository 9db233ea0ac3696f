import path from "node:path";
import type { SiteConfig } from "../../src/config/site-config.ts";
import { peopleByName } from "../../src/episode/people-directory.ts";
import type { Episode } from "../../src/episode/episode.ts";
import type { PersonEntry } from "../../src/episode/front-matter.ts";
import { createMarkdown } from "../../src/episode/markdown.ts";
import { parseEpisode } from "../../src/episode/parse-episode.ts";
import { formatProblem, ProblemList, type Problem } from "../../src/problems/problem.ts";
import { FIXTURES } from "./castpress-cli.ts";

export interface ParsedText {
  episode?: Episode;
  problems: Problem[];
  /** Each problem as `check` prints it. */
  lines: string[];
}

/**
 * Parses one episode from text, as loadProject would, against a small site config and a
 * people directory: for unit tests of the format that need no files.
 */
export async function parseEpisodeText(
  source: string,
  options: { people?: PersonEntry[]; site?: Partial<SiteConfig>; fileName?: string; now?: Date } = {},
): Promise<ParsedText> {
  const site = testSite(options.site);
  const root = site.root;
  const directory = peopleByName(
    (options.people ?? []).map((entry, index) => ({ entry, line: index + 1 })),
    new ProblemList("people.yaml"),
  );
  const file = path.join(root, "episodes", options.fileName ?? "2025-01-16-sample.md");
  const { episode, problems } = await parseEpisode(file, source, {
    root,
    site,
    people: directory,
    md,
    now: options.now ?? new Date("2025-06-01T00:00:00Z"),
  });
  return { ...(episode && { episode }), problems: problems.items, lines: problems.items.map(formatProblem) };
}

/** The small site config episodes are parsed against here. */
export function testSite(overrides: Partial<SiteConfig> = {}): SiteConfig {
  return {
    title: "Test",
    description: "A test publication",
    author: "Tester",
    baseUrl: "https://example.org",
    language: "en",
    timeZone: "Asia/Tokyo",
    explicit: false,
    perPage: 10,
    feeds: { latest: 20, fullShowNotes: 20 },
    root: path.join(FIXTURES, "episode-text"),
    ...overrides,
  };
}

/** One markdown-it for every episode, as loadProject makes one per load. */
const md = createMarkdown();

/** An episode file: minimal front matter (lines 1-4), then the body from line 5. */
export function episodeText(body: string, frontMatter = "title: Sample\ndate: 2025-01-16"): string {
  return `---\n${frontMatter}\n---\n${body}`;
}
