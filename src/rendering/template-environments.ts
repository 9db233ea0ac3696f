import path from "node:path";
import nunjucks from "nunjucks";
import type { Block, Episode } from "../episode/episode.ts";
import { calendarDate, playingTime, readableDate } from "../text/dates-and-times.ts";
import * as paths from "../paths/output-paths.ts";
import { TEMPLATES_DIR } from "../paths/package-files.ts";
import { TEMPLATE_OVERRIDES_DIR } from "../paths/project-files.ts";
import { episodeDescription } from "./episode-description.ts";
import { quoteAttribution } from "./quote-attribution.ts";

/** The output families every block has a template for: templates/blocks/<block>/<variant>.njk. */
export type BlockVariant = "web" | "email" | "feed" | "text";

export interface TemplateEnvironments {
  /** HTML, MJML and XML: everything inserted is escaped unless marked safe. */
  markup: nunjucks.Environment;
  /** Plain text (the email's text twin): nothing is escaped, since nothing is markup. */
  text: nunjucks.Environment;
}

/**
 * The Nunjucks environments for every output, over one set of templates, which include each
 * other by their path below templates/ ("blocks/quote/web.njk"). A project may override any
 * of them with a file at the same path in its own templates/ folder.
 * Author text is data, never evaluated as a template: https://mozilla.github.io/nunjucks/api.html#autoescaping
 */
export function templateEnvironments(projectRoot?: string): TemplateEnvironments {
  const projectTemplates = projectRoot && path.resolve(projectRoot, TEMPLATE_OVERRIDES_DIR);
  const searchPaths = projectTemplates && projectTemplates !== TEMPLATES_DIR ? [projectTemplates, TEMPLATES_DIR] : [TEMPLATES_DIR];
  const loader = new nunjucks.FileSystemLoader(searchPaths);
  const environments = {
    markup: new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false }),
    text: new nunjucks.Environment(loader, { autoescape: false, throwOnUndefined: false }),
  };
  for (const environment of Object.values(environments)) addSharedFilters(environment, environments);
  return environments;
}

const URL_MAKERS = new Set(["absoluteUrl", "siteLink", "sitePathPrefix"]);

function addSharedFilters(environment: nunjucks.Environment, environments: TemplateEnvironments): void {
  // Every published path as a filter, so templates link exactly where pages are written
  // (the functions that take the baseUrl are the `link` and `absoluteUrl` filters below).
  for (const [name, fn] of Object.entries(paths)) {
    if (typeof fn === "function" && !URL_MAKERS.has(name)) environment.addFilter(name, fn as (...args: unknown[]) => unknown);
  }
  type SiteContext = { ctx: { castpress: { site: { language: string; timeZone: string } } } };
  environment.addFilter("readableDate", function (this: SiteContext, date: Date) {
    return readableDate(date, this.ctx.castpress.site.language, this.ctx.castpress.site.timeZone);
  });
  environment.addFilter("calendarDate", function (this: SiteContext, day: string) {
    return calendarDate(day, this.ctx.castpress.site.language);
  });
  environment.addFilter("isoDateTime", (date: Date) => date.toISOString());
  environment.addFilter("playingTime", playingTime);
  environment.addFilter("episodeDescription", episodeDescription);
  environment.addFilter("quoteAttribution", quoteAttribution);
  type UrlContext = { ctx: { castpress: { site: { baseUrl: string } } } };
  // `{{ slug | episodePage | link }}`: a site path as pages link it, under the site's base path.
  environment.addFilter("link", function (this: UrlContext, url: string) {
    return paths.siteLink(this.ctx.castpress.site.baseUrl, url);
  });
  environment.addFilter("absoluteUrl", function (this: UrlContext, url: string) {
    return paths.absoluteUrl(this.ctx.castpress.site.baseUrl, url);
  });

  /**
   * `{{ section.blocks | blocks("web") }}` renders each block with its own template for that
   * output family, seeing the page's variables plus `block`. Nested blocks (a meeting's, a
   * note's) use the same filter.
   */
  environment.addFilter("blocks", function (this: { ctx: Record<string, unknown> }, blocks: Block[], variant: BlockVariant) {
    const target = variant === "text" ? environments.text : environments.markup;
    const rendered = (blocks ?? [])
      .map((block) => renderTemplate(target, `blocks/${block.kind}/${variant}.njk`, { ...this.ctx, block }))
      .join(variant === "text" ? "\n\n" : "");
    return variant === "text" ? rendered : new nunjucks.runtime.SafeString(rendered);
  });

  /**
   * `{{ item | episodeCard }}`: an episode's card in the lists of the archive, tag and person
   * pages. At 1000 episodes those lists show some 20,000 cards; a card sees only its episode and
   * `castpress`, so each is rendered once per build (the build's episode list is the key).
   */
  const cardsByBuild = new WeakMap<Episode[], Map<Episode, nunjucks.runtime.SafeString>>();
  environment.addFilter("episodeCard", function (this: { ctx: { castpress: { episodes: Episode[] } } }, item: Episode) {
    const castpress = this.ctx.castpress;
    let cards = cardsByBuild.get(castpress.episodes);
    if (!cards) cardsByBuild.set(castpress.episodes, (cards = new Map()));
    let card = cards.get(item);
    if (!card) {
      card = new nunjucks.runtime.SafeString(renderTemplate(environments.markup, "partials/episode-card.njk", { item, castpress }));
      cards.set(item, card);
    }
    return card;
  });
}

/** Renders one template (a block, a card, a page); a failure names the template and the episode being rendered. */
export function renderTemplate(environment: nunjucks.Environment, template: string, context: Record<string, unknown>): string {
  try {
    return environment.render(template, context);
  } catch (error) {
    const episode = ((context.episode ?? context.item) as { file?: string } | undefined)?.file;
    const message = (error as Error).message.replace(/^\(unknown path\)\s*/, "");
    throw new Error(`templates/${template} failed${episode ? ` while rendering ${episode}` : ""}: ${message}`, { cause: error });
  }
}
