import type { Episode } from "../episode/episode.ts";
import { episodeDescription } from "../rendering/episode-description.ts";

/**
 * The line an inbox shows beside the subject: the subtitle, else the first sentence of the
 * episode's description (its summary, or the body's opening).
 */
export function preheaderText(episode: Episode): string {
  return episode.subtitle ?? firstSentence(episodeDescription(episode));
}

/**
 * Invisible characters after the preheader, so the inbox preview stops there instead of
 * running on into the body: a zero-width non-joiner and a no-break space per pair.
 */
export const PREHEADER_PADDING = "&zwnj;&nbsp;".repeat(90);

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = /[.!?。！？](?=\s|$)/.exec(flat);
  return end ? flat.slice(0, end.index + 1) : flat.slice(0, 150);
}
