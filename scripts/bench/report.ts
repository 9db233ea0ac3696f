import os from "node:os";
import type { MemoryPeak } from "./process-tree.ts";

/** The issue's targets (issue 7), as ratios against bare Eleventy measured in the same run. */
export const TARGETS = { cold: 1.5, warm: 1.1, memory: 1.3, serveEditMs: 500 } as const;

export type RowName = "cold" | "warm" | "restored" | "serveFirstPage" | "serveStart" | "serveEdit" | "bareCold" | "bareWarm";

export const ROW_LABELS: Record<RowName, string> = {
  cold: "cold build",
  warm: "warm build",
  restored: "cache restored, 1 edited",
  serveFirstPage: "serve: first page",
  serveStart: "serve: first build",
  serveEdit: "serve: edit to page+email+feeds",
  bareCold: "bare Eleventy cold",
  bareWarm: "bare Eleventy warm",
};

export interface Sample {
  ms: number;
  memory: MemoryPeak | null;
  /** Anything else worth keeping about this sample (per-file times of a serve edit). */
  detail?: Record<string, number>;
}

export interface Row {
  label: string;
  samples: Sample[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Median over the samples of the process tree's peak RSS (see ProcessTreeMemory), MB. */
  medianPeakRssMb: number | null;
  maxPeakRssMb: number | null;
}

export interface Ratio {
  value: number;
  target: number;
  met: boolean;
}

export interface BenchReport {
  takenAt: string;
  episodes: number;
  runs: number;
  meanEpisodeBytes: number;
  machine: Machine;
  rows: Partial<Record<RowName, Row>>;
  ratios: {
    cold: Ratio;
    warm: Ratio;
    memory: Ratio | null;
    serveEdit: { ms: number; targetMs: number; met: boolean } | null;
  };
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average when the bench started and ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
}

export function describeMachine(loadAtStart: number): Machine {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: { start: loadAtStart, end: Math.round(os.loadavg()[0]! * 100) / 100 },
  };
}

export function summarise(label: string, samples: Sample[]): Row {
  const times = samples.map((sample) => sample.ms);
  const peaks = samples.map((sample) => sample.memory?.treeMb).filter((mb): mb is number => mb !== undefined);
  return {
    label,
    samples,
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    medianPeakRssMb: peaks.length > 0 ? median(peaks) : null,
    maxPeakRssMb: peaks.length > 0 ? Math.max(...peaks) : null,
  };
}

export function ratios(rows: BenchReport["rows"]): BenchReport["ratios"] {
  const { cold, warm, bareCold, bareWarm, serveEdit } = rows;
  if (!cold || !warm || !bareCold || !bareWarm) throw new Error("the cold, warm and bare rows are always measured");
  const ratio = (value: number, target: number): Ratio => ({ value: round(value, 2), target, met: value <= target });
  return {
    cold: ratio(cold.medianMs / bareCold.medianMs, TARGETS.cold),
    warm: ratio(warm.medianMs / bareWarm.medianMs, TARGETS.warm),
    memory: cold.medianPeakRssMb && bareCold.medianPeakRssMb ? ratio(cold.medianPeakRssMb / bareCold.medianPeakRssMb, TARGETS.memory) : null,
    serveEdit: serveEdit ? { ms: Math.round(serveEdit.medianMs), targetMs: TARGETS.serveEditMs, met: serveEdit.medianMs <= TARGETS.serveEditMs } : null,
  };
}

/** The table `npm run bench` prints. */
export function formatTable(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `castpress bench: ${report.episodes} episodes (${(report.meanEpisodeBytes / 1024).toFixed(1)} KB each), ${report.runs} run${report.runs === 1 ? "" : "s"} of each, alternating`,
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, node ${machine.node}, load average ${machine.loadAverage.start} → ${machine.loadAverage.end}`,
    "",
    `${"".padEnd(33)}${"median".padStart(10)}  ${"min–max".padStart(19)}  ${"peak RSS".padStart(9)}`,
  ];
  for (const row of Object.values(report.rows)) {
    const range = durationRange(row.minMs, row.maxMs);
    const memory = row.medianPeakRssMb === null ? "n/a" : `${Math.round(row.medianPeakRssMb)} MB`;
    lines.push(`${row.label.padEnd(33)}${duration(row.medianMs).padStart(10)}  ${range.padStart(19)}  ${memory.padStart(9)}`);
  }
  const verdict = (met: boolean) => (met ? "met" : "NOT met");
  const { cold, warm, memory, serveEdit } = report.ratios;
  lines.push("", `${"ratio".padEnd(33)}${"measured".padStart(10)}  ${"target".padStart(10)}`);
  lines.push(`${"cold / bare cold".padEnd(33)}${`${cold.value.toFixed(2)}×`.padStart(10)}  ${`≤ ${cold.target}×`.padStart(10)}  ${verdict(cold.met)}`);
  lines.push(`${"warm / bare warm".padEnd(33)}${`${warm.value.toFixed(2)}×`.padStart(10)}  ${`≤ ${warm.target}×`.padStart(10)}  ${verdict(warm.met)}`);
  if (memory) lines.push(`${"peak RSS cold / bare cold".padEnd(33)}${`${memory.value.toFixed(2)}×`.padStart(10)}  ${`≤ ${memory.target}×`.padStart(10)}  ${verdict(memory.met)}`);
  if (serveEdit) lines.push(`${"serve edit".padEnd(33)}${`${serveEdit.ms} ms`.padStart(10)}  ${`≤ ${serveEdit.targetMs} ms`.padStart(10)}  ${verdict(serveEdit.met)}`);
  return lines.join("\n");
}

/** "11.17–12.40 s", or "480 ms–1.20 s" across units. */
function durationRange(minMs: number, maxMs: number): string {
  const [low, high] = [duration(minMs), duration(maxMs)];
  const unit = (text: string) => text.split(" ")[1];
  return unit(low) === unit(high) ? `${low.split(" ")[0]}–${high}` : `${low}–${high}`;
}

const duration = (ms: number): string => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
