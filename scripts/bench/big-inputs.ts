import { writeFile } from "node:fs/promises";
import path from "node:path";

export const BIG_PEOPLE = 10_000;
export const BIG_TAGS = 5_000;
export const BIG_EPISODE_BYTES = 2 * 1024 * 1024;
/** The tags are spread over this many episodes, 100 each. */
const TAGGED_EPISODES = 50;

/** A paragraph of the kind the sample is made of: Chinese original, English translation, a person. */
const paragraph = (index: number): string =>
  `Paragraph ${index}: [[Person ${index % 50}]] said 加强政治对话,促进人文交流 — strengthen political dialogue & promote exchanges <${index}>.\n\n`;

/**
 * Turns a copy of test/fixtures/workflow into the big inputs of issue 8: one 2 MB episode
 * (replacing its first episode), a people directory of 10,000 entries, and 5,000 tags
 * (100 on each of 50 more episodes). Returns the tags and the big episode's paragraph count.
 */
export async function writeBigInputs(project: string): Promise<{ tags: string[]; paragraphs: number }> {
  const people = Array.from({ length: BIG_PEOPLE }, (_, index) => `- name: "Person ${index}"\n  native: "人物${index}"\n  lang: zh\n  role: "Role ${index}"\n`);
  await writeFile(path.join(project, "people.yaml"), people.join(""));

  let body = "";
  let paragraphs = 0;
  // The size is counted as the body grows: measuring the whole body after each paragraph took 25 s of CPU.
  for (let bytes = 0; bytes < BIG_EPISODE_BYTES; paragraphs++) {
    const next = paragraph(paragraphs);
    body += next;
    bytes += Buffer.byteLength(next);
  }
  await writeFile(path.join(project, "episodes/2025-01-16-first-episode.md"), `---\ntitle: The big one\ndate: 2025-01-16\n---\n\n${body}`);
  const tags = Array.from({ length: BIG_TAGS }, (_, index) => `tag ${index} 標籤`);
  const perEpisode = BIG_TAGS / TAGGED_EPISODES;
  for (let episode = 0; episode < TAGGED_EPISODES; episode++) {
    const own = tags.slice(episode * perEpisode, (episode + 1) * perEpisode);
    await writeFile(
      path.join(project, `episodes/2025-02-01-tagged-${episode}.md`),
      `---\ntitle: Tagged ${episode}\ndate: 2025-02-01\ntags: [${own.map((tag) => JSON.stringify(tag)).join(", ")}]\n---\n\n[[Person ${BIG_PEOPLE - 1 - episode}]] on ${own.length} tags.\n`,
    );
  }
  return { tags, paragraphs };
}
