import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import type { EmailConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import { mjmlCacheDir } from "../email/compile-mjml.ts";
import { EmailIssues, type IssueSiteData } from "../email/email-issue.ts";
import { cutPoint } from "../email/gmail-clip.ts";
import { inlineStyles } from "../email/inline-styles.ts";
import { mailServiceLinks } from "../email/mail-service-links.ts";
import { composeMessage } from "../email/message.ts";
import { PREHEADER_PADDING, preheaderText } from "../email/preheader.ts";
import { linkReference, numberedLinks, prefixLines, underline } from "../email/text-twin.ts";
import { absoluteHtml } from "../text/absolute-urls.ts";
import { absoluteUrl, emailHtml, emailMessage, emailText, episodePage } from "../paths/output-paths.ts";
import type { BuildOptions } from "./build-options.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";

export interface EmailsOptions extends BuildOptions {
  templates: TemplateEnvironments;
}

/**
 * The email issue of each published episode: templates/pages/email-html.njk and email-text.njk
 * ask for its HTML and text twin (`{{ episode | emailIssue("html") }}`), which are made together
 * once per build; once both are written, the MIME message joining them goes beside them as the
 * .eml. Emails cut to stay under Gmail's clip are reported after the build, one line each.
 */
export function emails(eleventyConfig: any, options: EmailsOptions): void {
  addEmailFilters(options.templates);
  // For the permalink functions of templates/pages/email-html.njk and email-text.njk.
  eleventyConfig.addJavaScriptFunction("emailHtml", emailHtml);
  eleventyConfig.addJavaScriptFunction("emailText", emailText);
  const issues = new EmailIssues(options.templates, mjmlCacheDir(options.root));

  options.templates.markup.addFilter(
    "emailIssue",
    function (this: TemplateContext, episode: Episode, part: "html" | "text", done: (error: unknown, result?: unknown) => void) {
      issues.issue(episode, this.ctx.castpress).then(
        (issue) => done(null, new nunjucks.runtime.SafeString(part === "text" ? issue.text : issue.html)),
        (error) => done(error),
      );
    },
    true,
  );

  eleventyConfig.on("eleventy.before", () => issues.startBuild());

  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    const made = await issues.made();
    for (const { clipWarning } of made) if (clipWarning) console.warn(clipWarning);
    await Promise.all(
      made.map(async ({ episode, site, html, text }) => {
        if (!site.email) return;
        const message = await composeMessage({ episode, email: site.email, baseUrl: site.baseUrl, html, text });
        const file = path.join(directories.output, emailMessage(episode.slug));
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, message);
      }),
    );
  });
}

interface TemplateContext {
  ctx: { castpress: IssueSiteData; episode: Episode } & Record<string, unknown>;
}

/** Filters the email and text templates use, in both environments (blocks render in either). */
function addEmailFilters(templates: TemplateEnvironments): void {
  for (const [name, environment] of Object.entries(templates) as [keyof TemplateEnvironments, nunjucks.Environment][]) {
    const markup = name === "markup";
    const safe = (text: string) => (markup ? new nunjucks.runtime.SafeString(text) : text);

    /** Rendered HTML of the episode with every URL absolute: an email has no page to be relative to. */
    environment.addFilter("emailUrls", function (this: TemplateContext, html: string) {
      const { castpress, episode } = this.ctx;
      return safe(absoluteHtml(String(html ?? ""), castpress.site.baseUrl, absoluteUrl(castpress.site.baseUrl, episodePage(episode.slug))));
    });
    /** `{{ block.html | inlineStyles(styles.prose) }}`: the style attributes of templates/email/styles.njk. */
    environment.addFilter("inlineStyles", (html: string, styles: Record<string, string>) => safe(inlineStyles(String(html ?? ""), styles ?? {})));
    environment.addFilter("emailCutAfter", (label: string) => safe(cutPoint(String(label ?? ""))));
    environment.addFilter("preheader", (episode: Episode) => preheaderText(episode));
    environment.addGlobal("preheaderPadding", safe(PREHEADER_PADDING));
    environment.addFilter("mailServiceLinks", (email: EmailConfig | undefined) => (email ? mailServiceLinks(email) : { unsubscribe: "", manage: "" }));
    environment.addFilter("linkReference", function (this: TemplateContext, url: string | undefined) {
      return linkReference(this.ctx.episode.links, url);
    });
    environment.addFilter("prefixLines", prefixLines);
    environment.addFilter("underline", underline);
    environment.addFilter("numberedLinks", numberedLinks);
  }
}
