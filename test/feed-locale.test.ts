import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { castpress, copyFixture } from "./support/castpress-cli.ts";
import { findAll, parseStrictXml } from "./support/strict-xml.ts";

const OUTPUTS = ["feed.xml", "podcast.xml", "episodes/escapes/chapters.json"];
const RFC_822_IN_ENGLISH = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** A build in a process of its own, which takes its time zone and locale from the environment it starts with. */
async function buildUnder(env: Record<string, string>): Promise<string[]> {
  const project = await copyFixture("feed-podcast");
  const result = await castpress(["build"], { cwd: project, env: { ...env, CASTPRESS_NOW: "2025-03-01T00:00:00Z" } });
  expect(result.code, result.stderr).toBe(0);
  return Promise.all(OUTPUTS.map((file) => readFile(path.join(project, "dist", file), "utf8")));
}

it("writes the same feeds, byte for byte, whatever the machine's time zone and locale", async () => {
  const [plain, elsewhere] = await Promise.all([
    buildUnder({ TZ: "UTC", LANG: "C", LC_ALL: "C" }),
    buildUnder({ TZ: "Pacific/Auckland", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" }),
  ]);
  expect(elsewhere).toEqual(plain);

  // And what both say is RFC 822 in English, at the instant the front matter gives.
  const podcast = parseStrictXml(elsewhere[1]!);
  const dates = [...findAll(podcast, "pubDate"), ...findAll(podcast, "lastBuildDate")].map((element) => element.text);
  for (const date of dates) expect(date).toMatch(RFC_822_IN_ENGLISH);
  // 2025-02-10T09:30:00+09:00 in the front matter.
  expect(dates[0]).toBe("Mon, 10 Feb 2025 00:30:00 GMT");
}, 180_000);
