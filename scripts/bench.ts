/**
 * `npm run bench`: how long castpress takes to build N episodes, cold and warm, how long an
 * edit takes to show while serving, and how that compares with bare Eleventy rendering the
 * same Markdown, measured in one run on this machine (issue 7).
 *
 *   npm run bench -- [--episodes 1000] [--runs 3] [--json PATH] [--skip-serve] [--big-inputs] [--send 10000]
 *
 * --send N also times `castpress send` of one issue to N subscribers (and to N/10, to see that
 * the rate and memory stay flat as the list grows) through a local SMTP sink (issue 13).
 *
 * --big-inputs also times one cold build of issue 8's big inputs (a 2 MB episode, 10,000
 * people, 5,000 tags) and its peak memory.
 *
 * Prints a table of medians, min–max and peak memory, the ratios against the targets, and
 * writes the same as JSON (bench-results/ by default, git-ignored).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bareEleventyArgs, writeBareEleventyInput } from "./bench/bare-eleventy.ts";
import { snapshotCastpress } from "./bench/castpress-snapshot.ts";
import { timedRun } from "./bench/process-tree.ts";
import { describeMachine, formatTable, ratios, ROW_LABELS, summarise, type BenchReport, type RowName, type Sample } from "./bench/report.ts";
import { measureServeEdits } from "./bench/serve-edit.ts";
import { writeSyntheticProject } from "./bench/synthetic-project.ts";
import { BIG_PEOPLE, BIG_TAGS, writeBigInputs } from "./bench/big-inputs.ts";
import { measureSend, type SendFigures } from "./bench/send.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// A publication's config, art and audio, from the east-asia-digest test fixture: an author may delete episodes/.
const SAMPLE = path.join(REPO_ROOT, "test/fixtures/east-asia-digest");
const SAMPLE_AUDIO = "episodes/audio/2025-01-16-beijing-talks-resume";
/** Edits timed in each serve session; the session's start is a full build, so a few edits share it. */
const EDITS_PER_SESSION = 2;

const { values } = parseArgs({
  options: {
    episodes: { type: "string", default: "1000" },
    runs: { type: "string", default: "3" },
    json: { type: "string" },
    "skip-serve": { type: "boolean", default: false },
    "big-inputs": { type: "boolean", default: false },
    send: { type: "string" },
  },
  strict: true,
});
const episodeCount = positiveInteger(values.episodes, "--episodes");
const runs = positiveInteger(values.runs, "--runs");
const skipServe = values["skip-serve"];
const sendRecipients = values.send === undefined ? undefined : positiveInteger(values.send, "--send");
const jsonPath = path.resolve(values.json ?? path.join(REPO_ROOT, "bench-results", `bench-${episodeCount}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`));

const loadAtStart = Math.round(os.loadavg()[0]! * 100) / 100;
const work = await mkdtemp(path.join(os.tmpdir(), "castpress-bench-"));
const samples: Record<RowName, Sample[]> = { cold: [], warm: [], restored: [], serveFirstPage: [], serveStart: [], serveEdit: [], bareCold: [], bareWarm: [] };
/** What the first cold build wrote: the feeds apps fetch every hour, and the whole output. */
let outputs: { feedXmlBytes: number; podcastXmlBytes: number; distBytes: number } | undefined;
const childEnv = { ...process.env, CI: "true" };

try {
  const cli = await snapshotCastpress(REPO_ROOT, path.join(work, "castpress"));
  progress(`generating ${episodeCount} episodes in ${work}`);
  const source = await writeSyntheticProject(path.join(work, "project"), episodeCount, {
    config: path.join(SAMPLE, "castpress.yaml"),
    art: path.join(SAMPLE, "episodes/art/cover.png"),
    audio: path.join(SAMPLE, `${SAMPLE_AUDIO}.mp3`),
    transcript: path.join(SAMPLE, `${SAMPLE_AUDIO}.vtt`),
  });
  const bareSource = path.join(work, "bare");
  await writeBareEleventyInput(bareSource, source.files);

  for (let round = 1; round <= runs; round++) {
    const roundDir = path.join(work, `round-${round}`);
    // Alternating which goes first spreads any drift of the machine over both sides.
    const order = round % 2 === 1 ? [castpressRound, bareRound] : [bareRound, castpressRound];
    for (const step of order) await step(roundDir, round);
    await rm(roundDir, { recursive: true, force: true });
  }

  async function castpressRound(roundDir: string, round: number): Promise<void> {
    const project = path.join(roundDir, "project");
    await cp(source.root, project, { recursive: true });
    const build = () => timedRun(process.execPath, [cli, "build"], { cwd: project, env: childEnv });
    record("cold", round, await build());
    outputs ??= await outputSizes(path.join(project, "dist"));
    record("warm", round, await build());
    const newest = source.files[0]!;
    record("restored", round, await restoredCacheBuild(project, path.join(roundDir, "restored"), path.relative(source.root, newest)));
    if (skipServe) return;
    const session = await measureServeEdits({
      cli,
      project,
      episodeFile: path.join(project, path.relative(source.root, newest)),
      slug: source.slugs[0]!,
      edits: EDITS_PER_SESSION,
      label: String(round),
    });
    record("serveFirstPage", round, { ms: session.firstPageMs, memory: session.memory });
    record("serveStart", round, { ms: session.startMs, memory: session.memory });
    for (const edit of session.edits) record("serveEdit", round, { ms: edit.ms, memory: session.memory, detail: edit.byFile });
  }

  /**
   * What CI does after a commit that edits one episode: a fresh checkout (another folder, new
   * file times) with the .cache/ of an earlier build restored, and no dist/.
   */
  async function restoredCacheBuild(built: string, checkout: string, edited: string): Promise<Sample> {
    await cp(source.root, checkout, { recursive: true });
    await cp(path.join(built, ".cache"), path.join(checkout, ".cache"), { recursive: true });
    const file = path.join(checkout, edited);
    await writeFile(file, (await readFile(file, "utf8")).replace(/^title: (.*)$/m, "title: $1 (edited)"));
    const run = await timedRun(process.execPath, [cli, "build"], { cwd: checkout, env: childEnv });
    await rm(checkout, { recursive: true, force: true });
    return run;
  }

  async function bareRound(roundDir: string, round: number): Promise<void> {
    const input = path.join(roundDir, "bare");
    await cp(bareSource, input, { recursive: true });
    const build = () => timedRun(process.execPath, bareEleventyArgs(REPO_ROOT, input, path.join(input, "_site")), { cwd: input, env: childEnv });
    record("bareCold", round, await build());
    record("bareWarm", round, await build());
  }

  const bigInputs = values["big-inputs"] ? await measureBigInputs() : undefined;

  async function measureBigInputs(): Promise<{ ms: number; peakMb: number | undefined }> {
    const project = path.join(work, "big-inputs");
    await cp(path.join(REPO_ROOT, "test/fixtures/workflow"), project, { recursive: true });
    await writeBigInputs(project);
    const run = await timedRun(process.execPath, [cli, "build"], { cwd: project, env: childEnv });
    const peakMb = run.memory ? Math.round(run.memory.treeMb) : undefined;
    progress(`big inputs (2 MB episode, ${BIG_PEOPLE} people, ${BIG_TAGS} tags): cold build ${(run.ms / 1000).toFixed(2)} s${peakMb ? `, peak ${peakMb} MB` : ""}`);
    return { ms: run.ms, peakMb };
  }

  const sends: SendFigures[] = [];
  if (sendRecipients) {
    for (const recipients of [...new Set([Math.max(1, Math.round(sendRecipients / 10)), sendRecipients])]) {
      const figures = await measureSend(REPO_ROOT, cli, work, recipients);
      progress(`send to ${recipients}: ${(figures.ms / 1000).toFixed(2)} s, ${figures.messagesPerSecond} messages/s${figures.peakMb ? `, peak ${figures.peakMb} MB` : ""}`);
      sends.push(figures);
    }
  }

  const order: RowName[] = ["cold", "warm", "restored", "serveFirstPage", "serveStart", "serveEdit", "bareCold", "bareWarm"];
  const rows: BenchReport["rows"] = Object.fromEntries(
    order.filter((name) => samples[name].length > 0).map((name) => [name, summarise(ROW_LABELS[name], samples[name])]),
  );
  const report: BenchReport = {
    takenAt: new Date().toISOString(),
    episodes: episodeCount,
    runs,
    meanEpisodeBytes: source.meanEpisodeBytes,
    machine: describeMachine(loadAtStart),
    rows,
    ratios: ratios(rows),
  };
  console.log(formatTable(report));
  if (outputs) {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
    console.log(`\noutput: feed.xml ${mb(outputs.feedXmlBytes)}, podcast.xml ${mb(outputs.podcastXmlBytes)} (target < 2 MB each), dist/ ${mb(outputs.distBytes)}`);
  }
  const perEpisode = (row: RowName) => {
    const peak = rows[row]?.medianPeakRssMb;
    return peak == null ? "n/a" : `${((peak * 1024) / episodeCount).toFixed(0)} KB`;
  };
  console.log(`peak RSS per episode: castpress cold ${perEpisode("cold")}, bare Eleventy cold ${perEpisode("bareCold")}`);
  if (bigInputs) {
    const peak = bigInputs.peakMb === undefined ? "" : `, peak RSS ${bigInputs.peakMb} MB`;
    console.log(`\nbig inputs (2 MB episode, ${BIG_PEOPLE} people, ${BIG_TAGS} tags): cold build ${(bigInputs.ms / 1000).toFixed(2)} s${peak}`);
  }
  for (const send of sends) {
    const peak = send.peakMb === undefined ? "n/a" : `${send.peakMb} MB`;
    console.log(`send to ${send.recipients} subscribers (local SMTP sink, ${send.accepted} accepted): ${(send.ms / 1000).toFixed(2)} s, ${send.messagesPerSecond} messages/s (target ≥ 200), peak RSS ${peak} (target < 200 MB)`);
  }
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify({ ...report, ...(outputs && { outputs }), ...(bigInputs && { bigInputs }), ...(sends.length > 0 && { sends }) }, null, 2)}\n`);
  console.log(`\nwrote ${jsonPath}`);
} finally {
  await rm(work, { recursive: true, force: true });
}

async function outputSizes(dist: string): Promise<NonNullable<typeof outputs>> {
  const size = async (file: string) => (await stat(path.join(dist, file)).catch(() => undefined))?.size ?? 0;
  const entries = await readdir(dist, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
  const sizes = await Promise.all(files.map(async (file) => (await stat(file)).size));
  return { feedXmlBytes: await size("feed.xml"), podcastXmlBytes: await size("podcast.xml"), distBytes: sizes.reduce((a, b) => a + b, 0) };
}

function record(row: RowName, round: number, sample: Sample): void {
  samples[row].push({ ms: sample.ms, memory: sample.memory, ...(sample.detail && { detail: sample.detail }) });
  const memory = sample.memory ? `, peak ${Math.round(sample.memory.treeMb)} MB` : "";
  progress(`round ${round}/${runs}: ${ROW_LABELS[row]} ${(sample.ms / 1000).toFixed(2)} s${memory}`);
}

function progress(line: string): void {
  console.error(`bench: ${line}`);
}

function positiveInteger(text: string, option: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench: ${option} takes a whole number from 1, not "${text}"`);
    process.exit(2);
  }
  return value;
}
