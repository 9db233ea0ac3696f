import path from "node:path";
import { buildSite, type BuildReport } from "../../build/build.ts";
import { loadSiteConfig } from "../../config/site-config.ts";
import type { Command } from "../commands.ts";

export const build: Command = {
  options: { root: { type: "string" }, out: { type: "string" }, drafts: { type: "boolean" } },
  async run(values) {
    const root = String(values.root ?? process.cwd());
    const report = await buildSite({
      root,
      drafts: Boolean(values.drafts),
      ...(typeof values.out === "string" && { out: values.out }),
    });
    console.log(summary(report, root));
    const { config } = await loadSiteConfig(root);
    if (config) console.log(whatToUpload(report, root, config.baseUrl, Boolean(values.drafts)));
    return 0;
  },
};

/** Counts, sizes, time, and where each kind of output is. */
export function summary(report: BuildReport, root: string): string {
  const relative = path.relative(root, report.out);
  const out = relative === "" ? "." : relative.startsWith("..") ? report.out : relative;
  const groups: [string, (file: string) => boolean, string][] = [
    ["web archive", (f) => f.endsWith(".html") && !f.startsWith("email/"), `${out}/index.html`],
    ["feeds", (f) => f === "feed.xml" || f === "podcast.xml", feedFiles(report, out)],
    ["chapters", (f) => f.endsWith("/chapters.json"), `${out}/episodes/<slug>/chapters.json`],
    ["email", (f) => f.startsWith("email/"), `${out}/email/<slug>.html, .txt (the .eml: castpress email <slug>)`],
    ["search index", (f) => f.startsWith("pagefind/"), `${out}/pagefind/`],
    ["media", (f) => f.startsWith("media/"), `${out}/media/`],
  ];
  const total = report.files.reduce((sum, file) => sum + file.bytes, 0);
  const seconds = `${(report.milliseconds / 1000).toFixed(1)} s`;
  if (report.superseded) return `A build started after this one has already updated ${out}/ from newer inputs: kept it (${seconds})`;
  const built = report.unchanged
    ? `Nothing changed since the last build: kept ${out}/ as it was (${seconds})`
    : `Built ${report.episodeCount} episode${report.episodeCount === 1 ? "" : "s"} in ${seconds}`;
  const lines = [`${built}: ${report.files.length} files, ${kilobytes(total)} in ${out}/`];
  for (const [label, matches, where] of groups) {
    const files = report.files.filter((file) => matches(file.path));
    if (files.length === 0) continue;
    const bytes = files.reduce((sum, file) => sum + file.bytes, 0);
    const count = `${files.length} file${files.length === 1 ? "" : "s"}`;
    lines.push(`  ${label.padEnd(13)} ${count.padStart(11)} ${kilobytes(bytes).padStart(9)}  ${where}`);
  }
  return lines.join("\n");
}

/** The build's last words: which folder is the site, and where it goes. */
export function whatToUpload(report: BuildReport, root: string, baseUrl: string, drafts: boolean): string {
  const out = `${path.relative(root, report.out) || "."}/`;
  if (drafts) return "This build holds drafts and scheduled episodes: preview it, do not publish it.";
  return `To publish, upload the contents of ${out} to ${baseUrl}/ (for example: rsync -av --delete ${out} user@host:/var/www/site/).`;
}

/** The feeds the build wrote: podcast.xml only when castpress.yaml has a podcast: section. */
const feedFiles = (report: BuildReport, out: string): string =>
  ["feed.xml", "podcast.xml"]
    .filter((name) => report.files.some((file) => file.path === name))
    .map((name) => `${out}/${name}`)
    .join(", ");

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
