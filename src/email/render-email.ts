import type nunjucks from "nunjucks";
import type { SiteConfig } from "../config/site-config.ts";
import { calendarDate, playingTime } from "../text/dates-and-times.ts";
import type { Episode } from "../episode/episode.ts";
import { absoluteUrl, episodePage } from "../paths/output-paths.ts";
import { formatProblem } from "../problems/problem.ts";
import { escapeHtml } from "../text/html-escape.ts";
import { compileShell, fillShell, linkPlaceholders, shapeKey, shellPlaceholders, splitAtSlots, type CompiledShell, type ShellShape, type ShellValues } from "./email-shell.ts";
import { bodyPieces, EMAIL_BYTE_BUDGET, episodeUpTo, GMAIL_CLIP_BYTES, piecesThatFit } from "./gmail-clip.ts";
import { mailServiceLinks, type MailServiceLinks } from "./mail-service-links.ts";
import { protectHtml, protectText } from "./mail-service-syntax.ts";
import { PREHEADER_PADDING, preheaderText } from "./preheader.ts";

/** The Nunjucks environments an email renders with: markup (autoescaped) and text. */
export interface EmailTemplates {
  markup: nunjucks.Environment;
  text: nunjucks.Environment;
}

/** What the email templates see as `castpress`: the site, and the logo when it has one. */
export interface EmailSite {
  site: SiteConfig;
  logo?: { url: string };
}

export interface EmailIssue {
  episode: Episode;
  /** The site it was made for. */
  site: SiteConfig;
  /** The episode's title, kept from the mail service's template language like the rest. */
  subject: string;
  /** The HTML and text twin with the configured service's links (its merge tags). */
  html: string;
  text: string;
  /** The same with other links: each subscriber's own, when castpress sends the issue. */
  withLinks(links: MailServiceLinks): { html: string; text: string };
  /** Set when the email was cut to stay under Gmail's clip: a warning to show. */
  clipWarning?: string;
}

export const SHELL_TEMPLATE = "templates/email/issue.mjml.njk";

/**
 * The email issue as a function of an episode and its site: its body (rendered by Nunjucks,
 * filled into the shell MJML compiled once per shape), its text twin and its subject, with the
 * author's text kept from the mail service's template language. Callable without a build:
 * `castpress email` and `castpress send` render one issue; the build renders every one.
 */
export class EmailRenderer {
  private shells = new Map<string, Promise<CompiledShell>>();

  constructor(
    private readonly templates: EmailTemplates,
    private readonly cacheDir: string,
  ) {}

  /** Forgets the compiled shells, for a rebuild after a template or the config changed. */
  forgetShells(): void {
    this.shells.clear();
  }

  async render(episode: Episode, castpress: EmailSite): Promise<EmailIssue> {
    const { site } = castpress;
    const service = site.email?.service ?? "custom";
    const configured = site.email ? mailServiceLinks(site.email) : { unsubscribe: "", manage: "" };
    const pageUrl = absoluteUrl(site.baseUrl, episodePage(episode.slug));
    const shell = await this.shell(episode, castpress, Boolean(configured.manage));
    const values = shellValues(episode, site, pageUrl);
    const context = { castpress, site, episode, pageUrl };
    const pieces = bodyPieces(this.templates.markup.render("email/body.njk", context));
    const whole = pieces.map((piece) => piece.html).join("");
    const frameBytes = Buffer.byteLength(fillShell(shell, { ...values, body: "", ...htmlLinks(configured) }));
    const wholeBytes = frameBytes + Buffer.byteLength(whole);

    let body = whole;
    let textEpisode = episode;
    let clipWarning: string | undefined;
    if (wholeBytes > EMAIL_BYTE_BUDGET) {
      const continueReading = this.templates.markup.render("email/continue-reading.njk", context);
      const kept = piecesThatFit(pieces, EMAIL_BYTE_BUDGET - frameBytes - Buffer.byteLength(continueReading));
      body = pieces.slice(0, kept).map((piece) => piece.html).join("") + continueReading;
      textEpisode = episodeUpTo(episode, kept);
      clipWarning = clipProblem(episode, pieces, kept, wholeBytes);
    }
    const filled = { ...values, body: protectHtml(body) };
    const textParts = splitAtSlots(this.text(textEpisode, castpress, textEpisode !== episode, Boolean(configured.manage))).map((part, index) =>
      index % 2 === 0 ? protectText(part, service) : part,
    );
    const withLinks = (links: MailServiceLinks) => ({
      html: fillShell(shell, { ...filled, ...htmlLinks(links) }),
      text: textParts.map((part, index) => (index % 2 === 0 ? part : (links[part as keyof MailServiceLinks] ?? part))).join(""),
    });
    return { episode, site, subject: protectText(episode.title, service), ...withLinks(configured), withLinks, ...(clipWarning && { clipWarning }) };
  }

  private shell(episode: Episode, castpress: EmailSite, hasManage: boolean): Promise<CompiledShell> {
    const shape: ShellShape = { hasSubtitle: Boolean(episode.subtitle), hasAudio: Boolean(episode.audio), hasImage: Boolean(episode.image), hasManage };
    const key = shapeKey(shape);
    let shell = this.shells.get(key);
    if (!shell) {
      const mjml = this.templates.markup.render("email/issue.mjml.njk", { castpress, issue: shellPlaceholders(shape) });
      shell = compileShell(mjml, `${SHELL_TEMPLATE} (episode ${episode.file})`, this.cacheDir);
      this.shells.set(key, shell);
    }
    return shell;
  }

  /** The text twin, its links as placeholders (filled per service or subscriber). */
  private text(episode: Episode, castpress: EmailSite, clipped: boolean, hasManage: boolean): string {
    const links = linkPlaceholders();
    return tidyText(this.templates.text.render("email/issue.txt.njk", { castpress, episode, clipped, links: { ...links, manage: hasManage ? links.manage : "" } }));
  }
}

/** An episode's values for the shell's placeholders, escaped for HTML text and attributes alike. */
function shellValues(episode: Episode, site: SiteConfig, pageUrl: string): Omit<ShellValues, "body" | "unsubscribe" | "manage"> {
  const values = {
    title: escapeHtml(episode.title),
    preheader: escapeHtml(preheaderText(episode)),
    subtitle: escapeHtml(episode.subtitle ?? ""),
    date: escapeHtml(calendarDate(episode.dateText, site.language)),
    pageUrl: escapeHtml(pageUrl),
    playingTime: escapeHtml(episode.audio ? playingTime(episode.audio.duration) : ""),
    imageUrl: escapeHtml(episode.image ? absoluteUrl(site.baseUrl, episode.image.url) : ""),
    imageAlt: escapeHtml(episode.image?.alt ?? ""),
  };
  const protectedValues = Object.fromEntries(Object.entries(values).map(([slot, value]) => [slot, protectHtml(value)])) as typeof values;
  return { ...protectedValues, preheader: protectedValues.preheader + PREHEADER_PADDING };
}

/** The links as the HTML carries them: live, escaped for an attribute only. */
const htmlLinks = (links: MailServiceLinks): Pick<ShellValues, "unsubscribe" | "manage"> => ({
  unsubscribe: escapeHtml(links.unsubscribe),
  manage: escapeHtml(links.manage),
});

function clipProblem(episode: Episode, pieces: ReturnType<typeof bodyPieces>, kept: number, wholeBytes: number): string {
  const lastKept = pieces[kept - 1];
  const where =
    lastKept === undefined
      ? "before its first block"
      : `after ${lastKept.label ? `"${lastKept.label}"` : "the opening section"}${lastKept === pieces.at(-1) ? "" : ` (block ${kept} of ${pieces.length})`}`;
  return formatProblem({
    severity: "warning",
    file: episode.file,
    line: 1,
    message: `the email is ${kilobytes(wholeBytes)} KB, ${wholeBytes > GMAIL_CLIP_BYTES ? "over" : "too close to"} Gmail's ${GMAIL_CLIP_BYTES / 1024} KB clip`,
    hint: `it is cut ${where} with a "Continue reading on the web" link to the episode's page, and so is its text twin`,
  });
}

/** Template whitespace out of the text: no trailing spaces, at most one blank line in a row. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

const kilobytes = (bytes: number): string => (bytes / 1024).toFixed(0);
