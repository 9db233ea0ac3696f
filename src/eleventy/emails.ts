import nunjucks from "nunjucks";
import type { Episode } from "../episode/episode.ts";
import { mjmlCacheDir } from "../email/compile-mjml.ts";
import { addEmailFilters } from "../email/email-filters.ts";
import { EmailRenderer, type EmailIssue, type EmailSite } from "../email/render-email.ts";
import type { BuildOptions } from "./build-options.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";

export interface EmailsOptions extends BuildOptions {
  templates: TemplateEnvironments;
}

/**
 * The email issue of each published episode: templates/pages/email-html.njk and email-text.njk
 * ask for its HTML and text twin (`{{ episode | emailIssue("html") }}`), rendered together once
 * per build. The MIME message (.eml) is made on request (`castpress email`, `castpress send`),
 * not here. Emails cut to stay under Gmail's clip are reported after the build, one line each.
 */
export function emails(eleventyConfig: any, options: EmailsOptions): void {
  addEmailFilters(options.templates);
  const renderer = new EmailRenderer(options.templates, mjmlCacheDir(options.root));
  // An issue is kept only until both its HTML and its text twin have taken it: holding every
  // rendered email until the build ends made memory grow with the archive. Its clip warning,
  // if any, is all that stays.
  let waiting = new Map<string, { issue: Promise<EmailIssue>; parts: Set<string> }>();
  let clipWarnings: Promise<string | undefined>[] = [];

  options.templates.markup.addFilter(
    "emailIssue",
    function (this: TemplateContext, episode: Episode, part: "html" | "text", done: (error: unknown, result?: unknown) => void) {
      let entry = waiting.get(episode.slug);
      if (!entry) {
        entry = { issue: renderer.render(episode, this.ctx.castpress), parts: new Set() };
        waiting.set(episode.slug, entry);
        clipWarnings.push(entry.issue.then(({ clipWarning }) => clipWarning, () => undefined));
      }
      entry.parts.add(part);
      if (entry.parts.size === 2) waiting.delete(episode.slug);
      entry.issue.then(
        (made) => done(null, new nunjucks.runtime.SafeString(part === "text" ? made.text : made.html)),
        (error) => done(error),
      );
    },
    true,
  );

  eleventyConfig.on("eleventy.before", () => {
    renderer.forgetShells();
    waiting = new Map();
    clipWarnings = [];
  });

  eleventyConfig.on("eleventy.after", async () => {
    for (const warning of await Promise.all(clipWarnings)) if (warning) console.warn(warning);
  });
}

interface TemplateContext {
  ctx: { castpress: EmailSite } & Record<string, unknown>;
}
