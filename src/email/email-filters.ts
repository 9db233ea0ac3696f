import nunjucks from "nunjucks";
import type { Episode } from "../episode/episode.ts";
import { absoluteHtml } from "../text/absolute-urls.ts";
import { absoluteUrl, episodePage } from "../paths/output-paths.ts";
import { cutPoint } from "./gmail-clip.ts";
import { inlineStyles } from "./inline-styles.ts";
import type { EmailSite, EmailTemplates } from "./render-email.ts";
import { linkReference, numberedLinks, prefixLines, underline } from "./text-twin.ts";

interface TemplateContext {
  ctx: { castpress: EmailSite; episode: Episode } & Record<string, unknown>;
}

/** The filters the email and text templates use, in both environments (blocks render in either). */
export function addEmailFilters(templates: EmailTemplates): void {
  for (const [name, environment] of Object.entries(templates) as [keyof EmailTemplates, nunjucks.Environment][]) {
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
    environment.addFilter("linkReference", function (this: TemplateContext, url: string | undefined) {
      return linkReference(this.ctx.episode.links, url);
    });
    environment.addFilter("prefixLines", prefixLines);
    environment.addFilter("underline", underline);
    environment.addFilter("numberedLinks", numberedLinks);
  }
}
