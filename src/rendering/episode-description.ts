import type { Episode } from "../episode/episode.ts";
import { bodyPlainText } from "../episode/plain-text.ts";
import { truncateUtf8 } from "../text/xml-text.ts";

/** Apple Podcasts' limit for an episode's description, which every output keeps to. */
export const DESCRIPTION_MAX_BYTES = 4000;
/** How much of the body stands in for a missing summary and subtitle: a sentence or two. */
const BODY_OPENING_BYTES = 300;

/**
 * What an episode is about, in one line of plain text, the same everywhere it is shown: the
 * feed item's description, the page's meta description and JSON-LD, and (its first sentence,
 * when there is no subtitle) the email's preheader. The `summary` as written, else the
 * `subtitle`, else the opening of the body (docs/episode-format.md).
 */
export function episodeDescription(episode: Pick<Episode, "summary" | "subtitle" | "sections">): string {
  const chosen = episode.summary ?? episode.subtitle ?? truncateUtf8(bodyPlainText(episode, BODY_OPENING_BYTES).replace(/\s+/g, " ").trim(), BODY_OPENING_BYTES);
  return truncateUtf8(chosen, DESCRIPTION_MAX_BYTES);
}
