import type { BackgroundWrites } from "../files/background-writes.ts";
import { mjmlCacheDir } from "../email/compile-mjml.ts";
import { addEmailFilters } from "../email/email-filters.ts";
import { EmailRenderer, type EmailSite } from "../email/render-email.ts";
import { writeEmailIssues } from "../email/write-issues.ts";
import type { CastpressData } from "../project/castpress-data.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";
import type { BuildOptions } from "./build-options.ts";
import { BUILD_DATA_EVENT } from "./episodes-data.ts";

export interface EmailsOptions extends BuildOptions {
  /** One for all of castpress's plugins: its writes run one after another, the episode pages first. */
  backgroundWrites: BackgroundWrites;
  templates: TemplateEnvironments;
}

/**
 * The email issue (HTML and text twin) of each episode the build renders (`render.emails`:
 * every published one, or while serving those an edit changed), written by castpress itself
 * into Eleventy's output folder while Eleventy renders the pages. They are not Eleventy pages:
 * Eleventy keeps every page it writes, content and all, until the build ends, which made
 * memory grow with the archive. The MIME message (.eml) is made on request (`castpress email`,
 * `castpress send`), not here. Emails cut to stay under Gmail's clip are reported after the
 * build, one line each.
 */
export function emails(eleventyConfig: any, options: EmailsOptions): void {
  addEmailFilters(options.templates);
  const renderer = new EmailRenderer(options.templates, mjmlCacheDir(options.root));
  let writing: Promise<string[]> | undefined;
  const writes = options.backgroundWrites;

  // Each build announces its data once, after Eleventy has its output folder: the writing starts then.
  eleventyConfig.on(BUILD_DATA_EVENT, (data: CastpressData) => {
    renderer.forgetShells();
    const output: string = eleventyConfig.directories.output;
    const issues = writes.add((signal) => writeIssues(renderer, data, output, signal));
    // Its error is the build's, raised at eleventy.after; until then it must not count as unhandled.
    issues.catch(() => undefined);
    writing = issues;
  });

  eleventyConfig.on("eleventy.after", async () => {
    const issues = writing;
    writing = undefined;
    for (const warning of issues ? await issues : []) console.warn(warning);
  });
}

/**
 * The issues `data.render` names. The templates see as `castpress` what `castpress email` and
 * `castpress send` give them, the site and its logo, so that the issue sent is the issue built.
 */
function writeIssues(renderer: EmailRenderer, data: CastpressData, output: string, signal: AbortSignal): Promise<string[]> {
  const castpress: EmailSite = { site: data.site, ...(data.logo && { logo: data.logo }) };
  return writeEmailIssues(renderer, data.render.emails, { castpress, output, signal });
}
