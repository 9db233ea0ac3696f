import { compileMjml, EmailTemplateError } from "./compile-mjml.ts";

/**
 * The email issue's MJML (head, header, one body slot, footer) is compiled once per build and
 * shape, with a placeholder wherever an episode's own value goes; each episode then only fills
 * the compiled HTML in. MJML and its CSS inliner cost ~100 ms an email; filling costs well under
 * one.
 */

/** Every per-episode value of the shell. All but `body` are text, HTML-escaped when filled in. */
export const SHELL_SLOTS = ["title", "preheader", "subtitle", "date", "pageUrl", "playingTime", "imageUrl", "imageAlt", "body"] as const;
export type ShellSlot = (typeof SHELL_SLOTS)[number];
export type ShellValues = Record<ShellSlot, string>;

/** The parts of the header an issue has or not: each combination is its own compiled shell. */
export interface ShellShape {
  hasSubtitle: boolean;
  hasAudio: boolean;
  hasImage: boolean;
}

/** What the shell template sees as `issue`: a placeholder per slot, and the shape. */
export type ShellPlaceholders = Record<ShellSlot, string> & ShellShape;

export function shellPlaceholders(shape: ShellShape): ShellPlaceholders {
  return { ...(Object.fromEntries(SHELL_SLOTS.map((slot) => [slot, placeholder(slot)])) as Record<ShellSlot, string>), ...shape };
}

export const shapeKey = (shape: ShellShape): string => `${+shape.hasSubtitle}${+shape.hasAudio}${+shape.hasImage}`;

export interface CompiledShell {
  /** The compiled HTML cut at its placeholders: literal HTML at even indexes, slot names at odd ones. */
  parts: string[];
}

/**
 * Compiles the shell's MJML (cached on disk by its hash) and checks that every placeholder
 * came through MJML and its CSS inliner exactly as written, and the body's exactly once.
 */
export async function compileShell(mjml: string, origin: string, cacheDir: string): Promise<CompiledShell> {
  const html = await compileMjml({ mjml, origin }, cacheDir);
  const parts = html.split(PLACEHOLDER);
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

/** Letters only: nothing MJML, juice or HTML escaping changes, and nothing an author writes by chance. A
 * filter in the template that changes one (`upper`) is caught by its start, in any case. */
const placeholder = (slot: ShellSlot): string => `castpressSlot${slot}Zq`;
const PLACEHOLDER = /castpressSlot([a-zA-Z]+)Zq/;
const PLACEHOLDER_START = /castpressslot/gi;
