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
  let issues = new Map<string, Promise<EmailIssue>>();

  options.templates.markup.addFilter(
    "emailIssue",
    function (this: TemplateContext, episode: Episode, part: "html" | "text", done: (error: unknown, result?: unknown) => void) {
      let issue = issues.get(episode.slug);
      if (!issue) {
        issue = renderer.render(episode, this.ctx.castpress);
        issues.set(episode.slug, issue);
      }
      issue.then(
        (made) => done(null, new nunjucks.runtime.SafeString(part === "text" ? made.text : made.html)),
        (error) => done(error),
      );
    },
    true,
  );

  eleventyConfig.on("eleventy.before", () => {
    renderer.forgetShells();
    issues = new Map();
  });

  eleventyConfig.on("eleventy.after", async () => {
    for (const { clipWarning } of await Promise.all(issues.values())) if (clipWarning) console.warn(clipWarning);
  });
}

interface TemplateContext {
  ctx: { castpress: EmailSite } & Record<string, unknown>;
}
