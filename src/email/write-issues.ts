import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Episode } from "../episode/episode.ts";
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
  const warnings: (string | undefined)[] = [];
  let next = 0;
  let failed = false;
  const writeNext = async (): Promise<void> => {
    while (!failed && !signal?.aborted && next < episodes.length) {
      const index = next++;
      const episode = episodes[index]!;
      try {
        const issue = await renderer.render(episode, castpress);
        warnings[index] = issue.clipWarning;
        await Promise.all([
          writeFile(outputFile(output, emailHtml(episode.slug)), issue.html),
          writeFile(outputFile(output, emailText(episode.slug)), issue.text),
        ]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  // Settled, not all: an error is given only once no issue is being written any more.
  const writers = await Promise.allSettled(Array.from({ length: Math.min(AT_ONCE, episodes.length) }, writeNext));
  const failure = writers.find((writer): writer is PromiseRejectedResult => writer.status === "rejected");
  if (failure) throw failure.reason;
  return warnings.filter((warning): warning is string => warning !== undefined);
}

/** A site path (`/email/x.html`, its slug percent-encoded) as a file of the output folder. */
const outputFile = (output: string, url: string): string => path.join(output, decodeURIComponent(url));
