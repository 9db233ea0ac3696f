import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Episode } from "../episode/episode.ts";
import { fewAtOnce } from "../files/few-at-once.ts";
import { outputFile } from "../paths/output-files.ts";
import { emailHtml, emailText } from "../paths/output-paths.ts";
import type { EmailRenderer, EmailSite } from "./render-email.ts";

export interface IssuesWrite {
  /** What the templates see as `castpress`. */
  castpress: EmailSite;
  /** The output folder, where the site's paths are. */
  output: string;
  signal?: AbortSignal;
}

/** Issues rendered and written at once: enough to keep the disk busy, few enough that only a handful are ever held. */
const AT_ONCE = 4;

/**
 * Renders the email issue of each episode and writes its HTML and text twin into `output`
 * (at the paths of src/paths), each let go as soon as it is written: nothing rendered is
 * kept, whatever the size of the archive. Resolves to the clip warnings, in episode order.
 * Stops at the first error (a template MJML refuses, a failed write) and rejects with it;
 * once `signal` is aborted (the build failed), starts no new issue.
 */
export async function writeEmailIssues(renderer: EmailRenderer, episodes: readonly Episode[], { castpress, output, signal }: IssuesWrite): Promise<string[]> {
  if (signal?.aborted) return [];
  const folders = new Set(episodes.flatMap(({ slug }) => [emailHtml(slug), emailText(slug)].map((url) => path.dirname(outputFile(output, url)))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  const warnings = await fewAtOnce(
    episodes,
    AT_ONCE,
    async (episode) => {
      const issue = await renderer.render(episode, castpress);
      await Promise.all([
        writeFile(outputFile(output, emailHtml(episode.slug)), issue.html),
        writeFile(outputFile(output, emailText(episode.slug)), issue.text),
      ]);
      return issue.clipWarning;
    },
    () => signal?.aborted ?? false,
  );
  return warnings.filter((warning): warning is string => warning !== undefined);
}
