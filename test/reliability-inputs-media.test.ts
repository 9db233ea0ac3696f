import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../src/cli/commands/check.ts";
import { buildInProcess } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/** A real WAV file: RIFF header, then `seconds` of 8 kHz 8-bit mono silence. */
function wav(seconds: number): Buffer {
  const data = Buffer.alloc(8000 * seconds, 0x80);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(8000, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const episode = (title: string, media: string) => `---\ntitle: ${title}\ndate: 2025-01-16\n${media}\n---\n\nText.\n`;

/**
 * Regression (issue 12): an empty audio file and a text file renamed .mp3 were published as
 * the episode's enclosure (or the episode silently lost its audio), and a text file named
 * .png as its art.
 */
describe("media files that are not what their name says", () => {
  it("are refused by check at their line: an empty or fake audio file, a fake image, in episodes and castpress.yaml", async () => {
    const project = await copyFixture("workflow");
    const dir = path.join(project, "episodes");
    await writeFile(path.join(dir, "empty.mp3"), "");
    await writeFile(path.join(dir, "notes.mp3"), "These are my notes, not the recording.\n");
    await writeFile(path.join(dir, "fake.png"), "not a picture");
    await writeFile(path.join(dir, "empty.jpg"), "");
    await writeFile(path.join(dir, "2025-01-16-empty-audio.md"), episode("Empty", "audio:\n  src: empty.mp3"));
    // A duration written by hand does not vouch for the file.
    await writeFile(path.join(dir, "2025-01-16-fake-audio.md"), episode("Fake", 'audio:\n  src: notes.mp3\n  duration: "12:00"'));
    await writeFile(path.join(dir, "2025-01-16-fake-art.md"), episode("Fake art", "image: fake.png"));
    const config = await readFile(path.join(project, "castpress.yaml"), "utf8");
    await writeFile(path.join(project, "castpress.yaml"), config.replace("image: episodes/art/cover.png", "image: episodes/empty.jpg"));

    const result = await runInProcess(check, { root: project }, []);
    const notAudio = (file: string, line: number, ref: string, what: string) =>
      `episodes/${file}:${line}: the audio file "${ref}" ${what} — export the audio again (MP3 or M4A), and check that src names that file`;
    const notImage = (file: string, line: number, ref: string) =>
      `${file}:${line}: the image "${ref}" is not an image: its bytes are no image format castpress knows — export the picture again as JPEG, PNG, WebP or GIF, and check the path names that file`;
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      notImage("castpress.yaml", 7, "episodes/empty.jpg"),
      notAudio("2025-01-16-empty-audio.md", 5, "empty.mp3", "is empty"),
      notImage("episodes/2025-01-16-fake-art.md", 4, "fake.png"),
      notAudio("2025-01-16-fake-audio.md", 5, "notes.mp3", "is not audio: its bytes are no audio format castpress knows"),
    ]);
    expect(result.code).toBe(1);
  });

  it("real audio and art still build, with the length and duration read from the file", async () => {
    const project = await copyFixture("workflow");
    const dir = path.join(project, "episodes");
    await writeFile(path.join(dir, "talk.wav"), wav(3));
    await copyFile(path.join(dir, "art/cover.png"), path.join(dir, "art/episode.png"));
    await writeFile(path.join(dir, "2025-01-16-real.md"), episode("Real", "image: art/episode.png\naudio:\n  src: talk.wav"));
    const result = await buildInProcess(project);
    expect(result.stderr).toBe("");
    const feed = await readFile(path.join(project, "dist/podcast.xml"), "utf8");
    expect(feed).toContain(`<enclosure url="https://workflow.example.org/media/talk.wav" length="${44 + 24000}" type="audio/wav"/>`);
    expect(feed).toContain("<itunes:duration>3</itunes:duration>");
  });
});
