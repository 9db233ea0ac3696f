import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nunjucks from "nunjucks";
import type { EmailConfig, SiteConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import { compileMjml, mjmlCacheDir } from "../email/compile-mjml.ts";
import { mailServiceLinks } from "../email/mail-service-links.ts";
import { composeMessage } from "../email/message.ts";
import { PREHEADER_PADDING, preheaderText } from "../email/preheader.ts";
import { linkReference, numberedLinks, prefixLines, underline } from "../email/text-twin.ts";
import { absoluteHtml } from "../feeds/absolute-html.ts";
import { absoluteUrl, emailHtml, emailMessage, emailText, episodePage } from "../paths.ts";
import type { BuildOptions } from "./build-options.ts";
import type { TemplateEnvironments } from "./nunjucks-environment.ts";

export interface EmailsOptions extends BuildOptions {
  templates: TemplateEnvironments;
}

/** The tag of the email pages (templates/pages/email-html.njk), kept out of `collections.all`. */
const EMAIL_ISSUE_TAG = "castpressEmailIssue";
const MJML_TEMPLATE = "templates/email/issue.mjml.njk";

/**
 * The email issue of each published episode: templates/pages/email-html.njk renders the MJML
 * (compiled here, by a transform, with a cache) and email-text.njk the text twin; once both
 * are written, the MIME message joining them goes beside them as the .eml.
 */
export function emails(eleventyConfig: any, options: EmailsOptions): void {
  addEmailFilters(options.templates);
  const cacheDir = mjmlCacheDir(options.root);
  let issues = new Map<string, EmailIssue>();

  // The collection is where Eleventy hands over each email page's data (its episode), which
  // the transform and the .eml step need and which Eleventy does not pass to either.
  eleventyConfig.addCollection(EMAIL_ISSUE_TAG, (collectionApi: any) => {
    const pages = collectionApi.getFilteredByTag(EMAIL_ISSUE_TAG);
    issues = new Map(pages.map((page: any) => [page.url, { episode: page.data.episode, site: page.data.castpress.site }]));
    return pages;
  });

  eleventyConfig.addTransform("castpress-email-mjml", async function (this: { page: { url: string } }, content: string) {
    const issue = issues.get(this.page.url);
    if (!issue || this.page.url !== emailHtml(issue.episode.slug)) return content;
    return compileMjml({ mjml: content, origin: `${MJML_TEMPLATE} (episode ${issue.episode.file})` }, cacheDir);
  });

  eleventyConfig.on("eleventy.after", async ({ directories, results }: { directories: { output: string }; results: Result[] }) => {
    const byUrl = new Map(results.map((result) => [result.url, result.content]));
    await Promise.all(
      [...issues.values()].map(async ({ episode, site }) => {
        const html = byUrl.get(emailHtml(episode.slug));
        const text = byUrl.get(emailText(episode.slug));
        // Unchanged in an incremental rebuild: its .eml is still the one written before.
        if (html === undefined || text === undefined || !site.email) return;
        const message = await composeMessage({ episode, email: site.email, baseUrl: site.baseUrl, html, text });
        const file = path.join(directories.output, emailMessage(episode.slug));
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, message);
      }),
    );
  });
}

interface EmailIssue {
  episode: Episode;
  site: SiteConfig;
}

interface Result {
  url: string;
  content: string;
}

interface TemplateContext {
  ctx: { castpress: { site: SiteConfig }; episode: Episode } & Record<string, unknown>;
}

/** Filters the email and text templates use, in both environments (blocks render in either). */
function addEmailFilters(templates: TemplateEnvironments): void {
  for (const [name, environment] of Object.entries(templates) as [keyof TemplateEnvironments, nunjucks.Environment][]) {
    const markup = name === "markup";
    const safe = (text: string) => (markup ? new nunjucks.runtime.SafeString(text) : text);

    /** Rendered HTML of the episode with every URL absolute: an email has no page to be relative to. */
    environment.addFilter("emailUrls", function (this: TemplateContext, html: string) {
      const { castpress, episode } = this.ctx;
      return safe(absoluteHtml(html ?? "", castpress.site.baseUrl, absoluteUrl(castpress.site.baseUrl, episodePage(episode.slug))));
    });
    environment.addFilter("preheader", (episode: Episode) => preheaderText(episode));
    environment.addGlobal("preheaderPadding", safe(PREHEADER_PADDING));
    environment.addFilter("mailServiceLinks", (email: EmailConfig | undefined) => (email ? mailServiceLinks(email) : { unsubscribe: "", manage: "" }));
    environment.addFilter("emailDate", function (this: TemplateContext, isoDate: string) {
      return longDate(isoDate, this.ctx.castpress.site.language);
    });
    environment.addFilter("playingTime", playingTime);
    environment.addFilter("linkReference", function (this: TemplateContext, url: string | undefined) {
      return linkReference(this.ctx.episode.links, url);
    });
    environment.addFilter("prefixLines", prefixLines);
    environment.addFilter("underline", underline);
    environment.addFilter("numberedLinks", numberedLinks);
    /** The whole text twin, rendered with the text environment whatever environment asks. */
    environment.addFilter("textTwin", function (this: TemplateContext) {
      return safe(tidyText(templates.text.render("email/issue.txt.njk", this.ctx)));
    });
  }
}

/** "2025-01-16" → "16 January 2025" in the site's language; the date is a calendar date, not an instant. */
function longDate(isoDate: string, language: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (!year || !month || !day) return isoDate;
  return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** 97 → "1:37"; 4000 → "1:06:40". */
function playingTime(seconds: number): string {
  const whole = Math.round(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Template whitespace out of the text: no trailing spaces, at most one blank line in a row. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
