import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./support/castpress-cli.ts";
import type { BenchReport } from "../scripts/bench/report.ts";

// `npm run bench` on a tiny project, once: it must run and report every figure. How fast
// anything is stays out of the tests (no timing assertions); only that each figure exists.
let stdout = "";
let stderr = "";
let code: number | null;
let report: BenchReport;
let jsonDir: string;

beforeAll(async () => {
  jsonDir = await mkdtemp(path.join(os.tmpdir(), "castpress-bench-test-"));
  const json = path.join(jsonDir, "bench.json");
  const child = spawn(path.join(REPO_ROOT, "node_modules/.bin/tsx"), ["scripts/bench.ts", "--episodes", "5", "--runs", "1", "--json", json], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  code = await new Promise((resolve) => child.on("close", resolve));
  report = JSON.parse(await readFile(json, "utf8").catch(() => "{}"));
}, 900_000);

afterAll(() => rm(jsonDir, { recursive: true, force: true }));

/** The number right after a row's label in the printed table, in ms. */
function tableFigure(label: string): number {
  const line = stdout.split("\n").find((candidate) => candidate.startsWith(label));
  const match = line && /^.*?\s(\d+(?:\.\d+)?) ?(ms|s|×)(?=\s|$)/.exec(line.slice(label.length));
  if (!match) throw new Error(`no "${label}" row with a figure in the table:\n${stdout}\n${stderr}`);
  return Number(match[1]) * (match[2] === "s" ? 1000 : 1);
}

describe("npm run bench", () => {
  it("finishes and says where its JSON is", () => {
    expect(code, stderr).toBe(0);
    expect(stdout).toContain("castpress bench: 5 episodes");
    expect(stdout).toMatch(/wrote .*bench\.json/);
  });

  it.each([
    "cold build",
    "warm build",
    "cache restored, 1 edited",
    "serve: edit to page+email+feeds",
    "bare Eleventy cold",
    "bare Eleventy warm",
    "cold / bare cold",
    "warm / bare warm",
    "peak RSS cold / bare cold",
    "serve edit",
  ])("prints a positive figure for %s", (label) => {
    expect(tableFigure(label)).toBeGreaterThan(0);
  });

  it("writes every row to the JSON with its samples, median, range and peak memory", () => {
    expect(report.episodes).toBe(5);
    for (const name of ["cold", "warm", "serveEdit", "bareCold", "bareWarm"] as const) {
      const row = report.rows[name];
      expect(row, name).toBeDefined();
      expect(row!.samples.length, name).toBeGreaterThanOrEqual(1);
      expect(row!.minMs, name).toBeGreaterThan(0);
      expect(row!.medianMs, name).toBeGreaterThanOrEqual(row!.minMs);
      expect(row!.maxMs, name).toBeGreaterThanOrEqual(row!.medianMs);
      expect(row!.medianPeakRssMb, name).toBeGreaterThan(0);
    }
  });

  it("writes the ratios against bare Eleventy and the serve edit against its 500 ms target", () => {
    const { cold, warm, memory, serveEdit } = report.ratios;
    expect(cold.value).toBeCloseTo(report.rows.cold!.medianMs / report.rows.bareCold!.medianMs, 1);
    expect(warm.value).toBeCloseTo(report.rows.warm!.medianMs / report.rows.bareWarm!.medianMs, 1);
    expect(memory!.value).toBeGreaterThan(0);
    expect(serveEdit!.ms).toBeGreaterThan(0);
    expect(serveEdit!.targetMs).toBe(500);
  });

  it("edits an episode while serving and times its page, email and both feeds", () => {
    const detail = report.rows.serveEdit!.samples[0]!.detail!;
    expect(Object.keys(detail).sort()).toEqual(["email", "feed.xml", "page", "podcast.xml"]);
    expect(Math.max(...Object.values(detail))).toBe(report.rows.serveEdit!.samples[0]!.ms);
  });

  it("records the machine the figures were taken on", () => {
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.cpuModel).not.toBe("");
  });
});
