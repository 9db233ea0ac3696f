import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Parser from "rss-parser";
import { expect, it } from "vitest";
import { buildFixture, buildInProcess } from "./support/build-in-process.ts";

const EPISODE = "episodes/2025-02-03-no-guid.md";
const NOW = "2025-03-01T00:00:00Z";

async function itemsOf(dist: string): Promise<{ title?: string; guid?: string }[]> {
  const [podcast, reader] = await Promise.all(
    ["podcast.xml", "feed.xml"].map(async (file) => new Parser().parseString(await readFile(path.join(dist, file), "utf8"))),
  );
  return [...podcast!.items, ...reader!.items];
}

it("keeps an episode's guid when its title, subtitle and body change, in both feeds", async () => {
  const { project, dist } = await buildFixture("feed-podcast", { now: NOW });
  const before = (await itemsOf(dist)).filter((item) => item.title === "An episode without a guid");
  expect(before).toHaveLength(2);
  const guid = before[0]!.guid!;
  expect(guid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(before[1]!.guid).toBe(guid);

  const file = path.join(project, EPISODE);
  const source = await readFile(file, "utf8");
  await writeFile(
    file,
    source
      .replace("title: An episode without a guid", "title: A better title, chosen later")
      .replace("subtitle: Its guid comes from the file name's slug", "subtitle: A new subtitle")
      .replace("Just text,", "Rewritten text,"),
  );
  const rebuilt = await buildInProcess(project, { now: NOW });
  expect(rebuilt.code, rebuilt.stderr).toBe(0);

  const after = (await itemsOf(dist)).filter((item) => item.title === "A better title, chosen later");
  expect(after).toHaveLength(2);
  expect(after.map((item) => item.guid)).toEqual([guid, guid]);
}, 120_000);
