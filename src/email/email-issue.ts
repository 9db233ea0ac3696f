import type { SiteConfig } from "../config/site-config.ts";
import type { Episode } from "../episode/episode.ts";
import type { TemplateEnvironments } from "../rendering/template-environments.ts";
import { absoluteUrl, episodePage } from "../paths/output-paths.ts";
import { formatProblem } from "../problems/problem.ts";
import { compileShell, fillShell, shapeKey, shellPlaceholders, type CompiledShell, type ShellShape, type ShellValues } from "./email-shell.ts";
import { bodyPieces, EMAIL_BYTE_BUDGET, episodeUpTo, GMAIL_CLIP_BYTES, piecesThatFit } from "./gmail-clip.ts";
import { calendarDate, playingTime } from "../text/dates-and-times.ts";
import { escapeHtml } from "../text/html-escape.ts";
import { preheaderText } from "./preheader.ts";

/** What the email templates see as `castpress`: the site, at least, and the logo. */
export interface IssueSiteData {
  site: SiteConfig;
  logo?: { url: string };
  [key: string]: unknown;
}

export interface EmailIssue {
  episode: Episode;
  /** The site it was made for, as its pages saw it. */
  site: SiteConfig;
  html: string;
  text: string;
  /** Set when the email was cut to stay under Gmail's clip: the build's warning. */
  clipWarning?: string;
}

export const SHELL_TEMPLATE = "templates/email/issue.mjml.njk";

/**
 * The email issues of one build: each episode's HTML (its body, rendered by Nunjucks, filled into
 * the shell MJML compiled once per shape) and text twin, made once however many pages ask.
 * `startBuild` forgets the last build's, so a rebuild while serving sees every edit.
 */
export class EmailIssues {
  private shells = new Map<string, Promise<CompiledShell>>();
  private issues = new Map<string, Promise<EmailIssue>>();

  constructor(
    private readonly templates: TemplateEnvironments,
    private readonly cacheDir: string,
  ) {}

  startBuild(): void {
    this.shells.clear();
    this.issues.clear();
  }

  issue(episode: Episode, castpress: IssueSiteData): Promise<EmailIssue> {
    let issue = this.issues.get(episode.slug);
    if (!issue) {
      issue = this.make(episode, castpress);
      this.issues.set(episode.slug, issue);
    }
    return issue;
  }

  /** Every issue made in this build, in the order they were asked for. */
  made(): Promise<EmailIssue[]> {
    return Promise.all(this.issues.values());
  }

  private async make(episode: Episode, castpress: IssueSiteData): Promise<EmailIssue> {
    const { site } = castpress;
    const pageUrl = absoluteUrl(site.baseUrl, episodePage(episode.slug));
    const shell = await this.shell(episode, castpress);
    const values = shellValues(episode, site, pageUrl);
    const pieces = bodyPieces(this.templates.markup.render("email/body.njk", { castpress, site, episode, pageUrl }));
    const whole = pieces.map((piece) => piece.html).join("");
    const frameBytes = Buffer.byteLength(fillShell(shell, { ...values, body: "" }));
    const wholeBytes = frameBytes + Buffer.byteLength(whole);

    if (wholeBytes <= EMAIL_BYTE_BUDGET) {
      return { episode, site, html: fillShell(shell, { ...values, body: whole }), text: this.text(episode, castpress, false) };
    }
    const continueReading = this.templates.markup.render("email/continue-reading.njk", { castpress, site, episode, pageUrl });
    const kept = piecesThatFit(pieces, EMAIL_BYTE_BUDGET - frameBytes - Buffer.byteLength(continueReading));
    const body = pieces.slice(0, kept).map((piece) => piece.html).join("") + continueReading;
    const lastKept = pieces[kept - 1];
    const where = lastKept === undefined ? "before its first block" : `after ${lastKept.label ? `"${lastKept.label}"` : "the opening section"}${lastKept === pieces.at(-1) ? "" : ` (block ${kept} of ${pieces.length})`}`;
    const clipWarning = formatProblem({
      severity: "warning",
      file: episode.file,
      line: 1,
      message: `the email is ${kilobytes(wholeBytes)} KB, ${wholeBytes > GMAIL_CLIP_BYTES ? "over" : "too close to"} Gmail's ${GMAIL_CLIP_BYTES / 1024} KB clip`,
      hint: `it is cut ${where} with a "Continue reading on the web" link to the episode's page, and so is its text twin`,
    });
    return {
      episode,
      site,
      html: fillShell(shell, { ...values, body }),
      text: this.text(episodeUpTo(episode, kept), castpress, true),
      clipWarning,
    };
  }

  private shell(episode: Episode, castpress: IssueSiteData): Promise<CompiledShell> {
    const shape: ShellShape = { hasSubtitle: Boolean(episode.subtitle), hasAudio: Boolean(episode.audio), hasImage: Boolean(episode.image) };
    const key = shapeKey(shape);
    let shell = this.shells.get(key);
    if (!shell) {
      const mjml = this.templates.markup.render("email/issue.mjml.njk", { castpress, issue: shellPlaceholders(shape) });
      shell = compileShell(mjml, `${SHELL_TEMPLATE} (episode ${episode.file})`, this.cacheDir);
      this.shells.set(key, shell);
    }
    return shell;
  }

  private text(episode: Episode, castpress: IssueSiteData, clipped: boolean): string {
    return tidyText(this.templates.text.render("email/issue.txt.njk", { castpress, episode, clipped }));
  }
}

/** An episode's values for the shell's placeholders, escaped for HTML text and attributes alike. */
function shellValues(episode: Episode, site: SiteConfig, pageUrl: string): Omit<ShellValues, "body"> {
  return {
    title: escapeHtml(episode.title),
    preheader: escapeHtml(preheaderText(episode)),
    subtitle: escapeHtml(episode.subtitle ?? ""),
    date: escapeHtml(calendarDate(episode.dateText, site.language)),
    pageUrl: escapeHtml(pageUrl),
    playingTime: escapeHtml(episode.audio ? playingTime(episode.audio.duration) : ""),
    imageUrl: escapeHtml(episode.image ? absoluteUrl(site.baseUrl, episode.image.url) : ""),
    imageAlt: escapeHtml(episode.image?.alt ?? ""),
  };
}

/** Template whitespace out of the text: no trailing spaces, at most one blank line in a row. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

const kilobytes = (bytes: number): string => (bytes / 1024).toFixed(0);
