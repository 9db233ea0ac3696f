import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { castpress, copyFixture, copyDigest, REPO_ROOT } from "./support/castpress-cli.ts";

const GUARD = path.join(REPO_ROOT, "test/support/network-guard.mjs");

/** Environment that preloads the guard into a node process; attempts are logged to the returned file. */
async function guarded(): Promise<{ env: Record<string, string>; attempts: () => Promise<unknown[]>; guardedProcesses: () => Promise<number> }> {
  const log = path.join(await mkdtemp(path.join(os.tmpdir(), "castpress-network-")), "attempts.jsonl");
  await writeFile(log, "");
  const env = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${GUARD}`.trim(), CASTPRESS_NETWORK_LOG: log };
  const attempts = async () => (await readFile(log, "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line));
  const guardedProcesses = async () => (await readFile(`${log}.guarded`, "utf8").catch(() => "")).split("\n").filter(Boolean).length;
  return { env, attempts, guardedProcesses };
}

/** A remote audio file, as the episode format allows it: its length and duration written down. */
const REMOTE_AUDIO_EPISODE = `---
title: Remote audio
date: 2025-01-17
image: https://cdn.example.org/art/remote.png
audio:
  src: https://cdn.example.org/audio/remote.mp3
  length: 17792512
  duration: "18:32"
---

An episode whose audio and art live on a CDN; links to [Xinhua](https://example.org/xinhua).
`;

describe("castpress build with every outbound connection refused", () => {
  it("the guard catches and records a connection, a DNS lookup and a fetch (negative control)", async () => {
    const { env, attempts } = await guarded();
    const script = `
      const net = await import("node:net");
      const dns = await import("node:dns/promises");
      const outcomes = await Promise.all([
        fetch("https://example.org/feed.xml").then(() => "fetched", (e) => e.message),
        dns.lookup("example.org").then(() => "resolved", (e) => e.code),
        new Promise((done) => net.connect(443, "93.184.215.14").on("connect", () => done("connected")).on("error", (e) => done(e.code))),
      ]);
      console.log(JSON.stringify(outcomes));`;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { env: { ...process.env, ...env } });
    const [fetched, resolved, connected] = JSON.parse(stdout) as string[];
    expect(fetched).toMatch(/refused/);
    expect(resolved).toBe("ECONNREFUSED");
    expect(connected).toBe("ECONNREFUSED");
    expect((await attempts()).map((attempt) => (attempt as { kind: string }).kind).sort()).toEqual(["connect", "dns.lookup", "fetch"]);
  });

  it("builds the sample project and a remote-audio episode without a single attempt", async () => {
    const sample = await copyDigest();
    const remote = await copyFixture("workflow");
    await writeFile(path.join(remote, "episodes/2025-01-17-remote-audio.md"), REMOTE_AUDIO_EPISODE);

    for (const project of [sample, remote]) {
      const { env, attempts, guardedProcesses } = await guarded();
      const result = await castpress(["build"], { cwd: project, env });
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(await guardedProcesses()).toBeGreaterThan(0);
      expect(await attempts()).toEqual([]);
    }
    const podcast = await readFile(path.join(remote, "dist/podcast.xml"), "utf8");
    expect(podcast).toContain('<enclosure url="https://cdn.example.org/audio/remote.mp3" length="17792512" type="audio/mpeg"/>');
  });

  it("asks for the length and duration of a remote audio file instead of fetching it", async () => {
    const project = await copyFixture("workflow");
    await writeFile(path.join(project, "episodes/2025-01-17-remote-audio.md"), REMOTE_AUDIO_EPISODE.replace(/  length: .*\n  duration: .*\n/, ""));
    const { env, attempts } = await guarded();
    const result = await castpress(["build"], { cwd: project, env });
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'episodes/2025-01-17-remote-audio.md:6: the audio URL "https://cdn.example.org/audio/remote.mp3" has no length — add length: (the file\'s size in bytes) under audio:',
      'episodes/2025-01-17-remote-audio.md:6: the audio URL "https://cdn.example.org/audio/remote.mp3" has no duration — add duration: "MM:SS" under audio:',
    ]);
    expect(result.code).toBe(1);
    expect(await attempts()).toEqual([]);
  });
});
