import { compileMjml, EmailTemplateError } from "./compile-mjml.ts";
import { protectHtml } from "./mail-service-syntax.ts";

/**
 * The email issue's MJML (head, header, one body slot, footer) is compiled once per build and
 * shape, with a placeholder wherever an episode's own value goes; each episode then only fills
 * the compiled HTML in. MJML and its CSS inliner cost ~100 ms an email; filling costs well under
 * one.
 */

/**
 * Every per-episode value of the shell, and the unsubscribe and manage links, which are the mail
 * service's merge tags (or, sent by castpress, each subscriber's own links): slots, so that they
 * are the only merge tags the HTML carries live.
 */
export const SHELL_SLOTS = ["title", "preheader", "subtitle", "date", "pageUrl", "playingTime", "imageUrl", "imageAlt", "body", "unsubscribe", "manage"] as const;
export type ShellSlot = (typeof SHELL_SLOTS)[number];
export type ShellValues = Record<ShellSlot, string>;

/** The parts of the header an issue has or not: each combination is its own compiled shell. */
export interface ShellShape {
  hasSubtitle: boolean;
  hasAudio: boolean;
  hasImage: boolean;
  /** The service (or the config) has a manage-subscription link. */
  hasManage: boolean;
}

/** What the shell template sees as `issue`: a placeholder per slot, and the shape. */
export type ShellPlaceholders = Record<ShellSlot, string> & ShellShape;

export function shellPlaceholders(shape: ShellShape): ShellPlaceholders {
  return { ...(Object.fromEntries(SHELL_SLOTS.map((slot) => [slot, placeholder(slot)])) as Record<ShellSlot, string>), ...shape };
}

export const shapeKey = (shape: ShellShape): string => `${+shape.hasSubtitle}${+shape.hasAudio}${+shape.hasImage}${+shape.hasManage}`;

/** The unsubscribe and manage links as placeholders, for the text twin (the shell has them as slots). */
export const linkPlaceholders = (): { unsubscribe: string; manage: string } => ({ unsubscribe: placeholder("unsubscribe"), manage: placeholder("manage") });

/** Text cut at its placeholders, like a compiled shell: literal text at even indexes, slot names at odd ones. */
export const splitAtSlots = (text: string): string[] => text.split(PLACEHOLDER);

export interface CompiledShell {
  /**
   * The compiled HTML cut at its placeholders: literal HTML at even indexes, slot names at odd
   * ones. The literal HTML holds the site's own text (its title, the postal address), kept from
   * every mail service's template language.
   */
  parts: string[];
}

/**
 * Compiles the shell's MJML (cached on disk by its hash) and checks that every placeholder
 * came through MJML and its CSS inliner exactly as written, and the body's exactly once.
 */
export async function compileShell(mjml: string, origin: string, cacheDir: string): Promise<CompiledShell> {
  const html = validImageSizes(await compileMjml({ mjml, origin }, cacheDir));
  const parts = html.split(PLACEHOLDER).map((part, index) => (index % 2 === 0 ? protectHtml(part) : part));
  const slots = parts.filter((_, index) => index % 2 === 1);
  const mangled = (html.match(PLACEHOLDER_START) ?? []).length - slots.filter((slot) => (SHELL_SLOTS as readonly string[]).includes(slot)).length;
  const lost = SHELL_SLOTS.filter((slot) => mjml.includes(placeholder(slot)) && !html.includes(placeholder(slot)));
  const bodies = slots.filter((slot) => slot === "body").length;
  if (mangled > 0 || lost.length > 0 || bodies !== 1) {
    const which = lost.length > 0 ? `the ${lost.join(", ")} placeholder${lost.length > 1 ? "s" : ""}` : bodies !== 1 ? `${bodies} body placeholders (it needs one)` : "a placeholder it altered";
    throw new EmailTemplateError(
      `the email shell rendered from ${origin} came out of MJML with ${which}: print each issue.* value as it is, with no filter, and issue.body once`,
    );
  }
  return { parts };
}

/** The shell with an episode's values in place; `values` are inserted as they are (escape them first). */
export function fillShell(shell: CompiledShell, values: ShellValues): string {
  return shell.parts.map((part, index) => (index % 2 === 0 ? part : values[part as ShellSlot])).join("");
}

/** MJML writes `height="auto"` on an image of unknown height, which HTML does not allow (its style says it). */
const validImageSizes = (html: string): string => html.replace(/(<img\b[^>]*?)\s+height="auto"/g, "$1");

/** Letters only: nothing MJML, juice or HTML escaping changes, and nothing an author writes by chance. A
 * filter in the template that changes one (`upper`) is caught by its start, in any case. */
const placeholder = (slot: ShellSlot): string => `castpressSlot${slot}Zq`;
const PLACEHOLDER = /castpressSlot([a-zA-Z]+)Zq/;
const PLACEHOLDER_START = /castpressslot/gi;
