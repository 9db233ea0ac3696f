import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * A castpress project of N generated episodes in the real format, the same for a given N on
 * every machine (seeded): every block kind, [[Person]] mentions, time-stamped chapters, and
 * audio on every other episode, about 11 KB of text each.
 */
export interface SyntheticProject {
  root: string;
  /** Every episode's slug, newest first (the first one has audio, so it is in both feeds). */
  slugs: string[];
  /** The episode files, in the same order. */
  files: string[];
  /** Mean size of an episode file, in bytes. */
  meanEpisodeBytes: number;
}

export interface SampleFiles {
  /** The repo's castpress.yaml, used as it is. */
  config: string;
  /** Its cover art (castpress.yaml names episodes/art/cover.png). */
  art: string;
  /** A short real MP3 every episode with audio shares, and its transcript. */
  audio: string;
  transcript: string;
}

/** Every episode's chapter stamps stay under this, the sample MP3 being 97 s long. */
const AUDIO_SECONDS = 97;
const TARGET_EPISODE_BYTES = 11_000;
const PEOPLE_COUNT = 300;
const BENCH_AUDIO = "audio/bench.mp3";
const NEWEST_DATE = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

export async function writeSyntheticProject(root: string, episodeCount: number, sample: SampleFiles): Promise<SyntheticProject> {
  const random = seededRandom(20250116);
  const people = generatePeople(random);
  await mkdir(path.join(root, "episodes/audio"), { recursive: true });
  await mkdir(path.join(root, "episodes/art"), { recursive: true });
  await Promise.all([
    copyFile(sample.config, path.join(root, "castpress.yaml")),
    copyFile(sample.art, path.join(root, "episodes/art/cover.png")),
    copyFile(sample.audio, path.join(root, "episodes", BENCH_AUDIO)),
    copyFile(sample.transcript, path.join(root, "episodes", BENCH_AUDIO.replace(/\.mp3$/, ".vtt"))),
    writeFile(path.join(root, "people.yaml"), peopleYaml(people)),
  ]);
  const slugs: string[] = [];
  const files: string[] = [];
  let totalBytes = 0;
  for (let index = 0; index < episodeCount; index++) {
    const episode = generateEpisode(index, episodeCount, people, random);
    const file = path.join(root, "episodes", `${episode.date}-${episode.slug}.md`);
    await writeFile(file, episode.text);
    slugs.push(episode.slug);
    files.push(file);
    totalBytes += Buffer.byteLength(episode.text);
  }
  return { root, slugs, files, meanEpisodeBytes: Math.round(totalBytes / Math.max(1, episodeCount)) };
}

interface GeneratedPerson {
  name: string;
  native: string;
  lang: "zh" | "ja";
  role: string;
}

type Random = () => number;

/** mulberry32: small, fast and the same everywhere, which is all a benchmark needs. */
function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

const WORDS = (
  "the delegation ministry talks agreement visit exchange trade policy minister party council economic " +
  "relations summit cooperation dialogue seafood imports exports customs security region bilateral " +
  "statement consensus framework mechanism official leaders parliament treaty negotiation diplomatic " +
  "envoy border fisheries supply chain investment tariffs interview analysis signal background week " +
  "meeting spokesperson press conference announced confirmed emphasized noted agreed proposed resumed " +
  "suspended restored promised welcomed criticised reported expected continued across between after " +
  "before during since under over with without about against toward among and but or so yet while"
).split(" ");
const TAGS = (
  "china japan korea taiwan diplomacy trade seafood security economy energy climate defence technology " +
  "media elections parliament asean tourism fisheries semiconductors history education health migration " +
  "agriculture shipping finance culture law sport space ocean science labour housing transport youth"
).split(" ");
const PLACES = ["Beijing", "Tokyo", "Osaka", "Shanghai", "Seoul", "Iwaki", "Great Hall of the People, Beijing", "Kantei, Tokyo"];
const ROLES = ["Minister of Foreign Affairs", "Secretary-General", "Deputy Director", "Ambassador", "Spokesperson", "Chair of the Committee", "Senior Researcher", "Governor"];
const ROMAN_FAMILY = "Sato Suzuki Takahashi Tanaka Ito Watanabe Yamamoto Nakamura Kobayashi Kato Wang Li Zhang Liu Chen Yang Zhao Huang Zhou Wu".split(" ");
const ROMAN_GIVEN = "Akira Haruto Yui Sora Ren Mei Hina Kaito Riko Daiki Wei Fang Jun Lei Ming Hua Jing Tao Yan Xin Bo Qiang Lan Ping Hao".split(" ");
const ZH_CHARS = "中国日本关系交流合作对话发展推进加强双方政治经济人文青年领导会议机制共识战略互利建设稳定地区和平";
const JA_CHARS = "日本中国関係交流協力対話発展推進強化両国政治経済首脳会談合意戦略互恵安定地域平和のはをにがでとも";

function generatePeople(random: Random): GeneratedPerson[] {
  const people: GeneratedPerson[] = [];
  for (let index = 0; people.length < PEOPLE_COUNT; index++) {
    const family = ROMAN_FAMILY[index % ROMAN_FAMILY.length]!;
    const given = ROMAN_GIVEN[Math.floor(index / ROMAN_FAMILY.length) % ROMAN_GIVEN.length]!;
    // Past the name combinations, a generation suffix keeps every name (and page) distinct.
    const generation = Math.floor(index / (ROMAN_FAMILY.length * ROMAN_GIVEN.length));
    const lang = random() < 0.5 ? "zh" : "ja";
    const chars = lang === "zh" ? ZH_CHARS : JA_CHARS;
    people.push({
      name: `${family} ${given}${generation > 0 ? ` ${"I".repeat(generation + 1)}` : ""}`,
      native: Array.from({ length: between(random, 2, 4) }, () => pick(random, [...chars])).join(""),
      lang,
      role: `${pick(random, ROLES)}, ${pick(random, PLACES)}`,
    });
  }
  return people;
}

function peopleYaml(people: GeneratedPerson[]): string {
  const entries = people.map((person) =>
    [`- name: ${person.name}`, `  native: ${person.native}`, `  lang: ${person.lang}`, `  role: ${JSON.stringify(person.role)}`].join("\n"),
  );
  return `# Generated by scripts/bench.ts: the people the synthetic episodes mention.\n${entries.join("\n")}\n`;
}

function sentence(random: Random, people: GeneratedPerson[], mentionChance = 0.25): string {
  const words = Array.from({ length: between(random, 8, 18) }, () => pick(random, WORDS));
  if (people.length > 0 && random() < mentionChance) words.splice(between(random, 1, words.length - 1), 0, `[[${pick(random, people).name}]]`);
  return `${capitalise(words.join(" "))}.`;
}

const paragraph = (random: Random, people: GeneratedPerson[]): string =>
  Array.from({ length: between(random, 2, 4) }, () => sentence(random, people)).join(" ");

function cjkSentence(random: Random, lang: "zh" | "ja"): string {
  const chars = [...(lang === "zh" ? ZH_CHARS : JA_CHARS)];
  return `${Array.from({ length: between(random, 20, 45) }, () => pick(random, chars)).join("")}。`;
}

function quoteBlock(random: Random, people: GeneratedPerson[], fence = ":::"): string {
  const speaker = pick(random, people);
  const lang = random() < 0.5 ? "zh" : "ja";
  const attributes = `speaker="${speaker.name}" role="${speaker.role}" source="https://example.org/source/${between(random, 1, 99999)}" lang=${lang}`;
  return [`${fence} quote ${attributes}`, cjkSentence(random, lang), "---", paragraph(random, []), fence].join("\n");
}

function timeline(random: Random, people: GeneratedPerson[], date: string): string {
  const start = Date.parse(`${date}T00:00:00Z`) - 10 * DAY;
  return Array.from({ length: 3 }, (_, index) => {
    const person = pick(random, people);
    const day = new Date(start + index * 3 * DAY).toISOString().slice(0, 10);
    const attributes = `date=${day} with="${person.name}" role="${person.role}" place="${pick(random, PLACES)}" title="${capitalise(pick(random, WORDS))} ${pick(random, WORDS)} meeting"`;
    return [`:::: meeting ${attributes}`, `The delegation met [[${person.name}]]. ${paragraph(random, people)}`, "", quoteBlock(random, people), "::::"].join("\n");
  }).join("\n\n");
}

function readingBlock(random: Random): string {
  const items = Array.from({ length: between(random, 2, 5) }, (_, index) => {
    const title = Array.from({ length: 5 }, () => pick(random, WORDS)).join(" ");
    return `- [${capitalise(title)}](https://example.org/reading/${between(random, 1, 99999)}-${index})`;
  });
  return ["::: reading", ...items, ":::"].join("\n");
}

/** Stamps spread over the sample MP3, always increasing and under its length. */
function chapterStamp(section: number, sections: number): string {
  const seconds = Math.floor((section * (AUDIO_SECONDS - 5)) / sections);
  return `[${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}] `;
}

function generateEpisode(index: number, count: number, people: GeneratedPerson[], random: Random) {
  const number = count - index;
  const date = new Date(NEWEST_DATE - index * DAY).toISOString().slice(0, 10);
  const titleWords = Array.from({ length: between(random, 3, 7) }, () => capitalise(pick(random, WORDS)));
  const slug = `episode-${number}-${titleWords.slice(0, 2).join("-").toLowerCase()}`;
  const withAudio = index % 2 === 0;
  const guidHex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join("");
  const guid = `${guidHex.slice(0, 8)}-${guidHex.slice(8, 12)}-4${guidHex.slice(13, 16)}-a${guidHex.slice(17, 20)}-${guidHex.slice(20)}`;
  const tags = [...new Set(Array.from({ length: between(random, 2, 4) }, () => pick(random, TAGS)))];
  const frontMatter = [
    "---",
    `title: ${titleWords.join(" ")} (${number})`,
    `subtitle: ${capitalise(Array.from({ length: 10 }, () => pick(random, WORDS)).join(" "))}`,
    `date: ${date}`,
    `guid: ${guid}`,
    "tags:",
    ...tags.map((tag) => `  - ${tag}`),
    `episode: ${number}`,
    `season: ${Math.floor((number - 1) / 52) + 1}`,
    "summary: >-",
    `  ${sentence(random, [])} ${sentence(random, [])}`,
    ...(withAudio ? ["audio:", `  src: ${BENCH_AUDIO}`] : []),
    "---",
  ].join("\n");

  const sections = 5;
  const parts = [paragraph(random, people), paragraph(random, people), ["::: note", paragraph(random, people), ":::"].join("\n")];
  for (let section = 0; section < sections; section++) {
    const stamp = withAudio ? chapterStamp(section, sections) : "";
    parts.push(`## ${stamp}${capitalise(Array.from({ length: between(random, 2, 5) }, () => pick(random, WORDS)).join(" "))}`);
    parts.push(paragraph(random, people));
    if (section === 1) parts.push(timeline(random, people, date));
    else parts.push(quoteBlock(random, people));
    parts.push(paragraph(random, people));
  }
  parts.push(`This episode draws on one interview.[^1] ${paragraph(random, people)}`);
  // Fill to the target size with prose in the last section, then close with further reading.
  const reading = readingBlock(random);
  const footnote = `[^1]: ${sentence(random, [], 0)}`;
  let text = `${frontMatter}\n\n${parts.join("\n\n")}`;
  while (Buffer.byteLength(text) + reading.length + footnote.length < TARGET_EPISODE_BYTES) {
    text += `\n\n${paragraph(random, people)}`;
  }
  text += `\n\n${reading}\n\n${footnote}\n`;
  return { slug, date, text };
}
