import type { Episode, Section } from "../episode/episode.ts";

/**
 * Gmail shows "[Message clipped]" and hides the rest of an email whose HTML passes 102 KB,
 * footer and unsubscribe link included. castpress keeps each email's HTML under a budget a
 * little below that, since a mail service adds its tracking pixel and longer tracked links
 * when it sends; a longer email is cut between two blocks, with a link to the web page.
 */
export const GMAIL_CLIP_BYTES = 102 * 1024;
export const EMAIL_BYTE_BUDGET = 96 * 1024;

/**
 * Where the body may be cut, written by body.njk after each top-level block, the notes and the
 * people: a comment naming the section it closes. Never left in an email.
 */
export const cutPoint = (label: string): string => `<!--castpress-cut:${encodeURIComponent(label)}-->`;

/** One stretch of the body between two cut points. */
export interface BodyPiece {
  html: string;
  /** The title of the section it ends in ("" for the opening one). */
  label: string;
}

/** The rendered body at its cut points; text after the last one stays with the last piece. */
export function bodyPieces(body: string): BodyPiece[] {
  const pieces: BodyPiece[] = [];
  let start = 0;
  for (const match of body.matchAll(CUT_POINT)) {
    pieces.push({ html: body.slice(start, match.index), label: decodeURIComponent(match[1]!) });
    start = match.index + match[0].length;
  }
  const rest = body.slice(start);
  if (pieces.length === 0) return [{ html: rest, label: "" }];
  pieces[pieces.length - 1]!.html += rest;
  return pieces;
}

/** How many pieces, from the first, fit in `bytes`. */
export function piecesThatFit(pieces: BodyPiece[], bytes: number): number {
  let used = 0;
  for (const [index, piece] of pieces.entries()) {
    used += Buffer.byteLength(piece.html);
    if (used > bytes) return index;
  }
  return pieces.length;
}

/**
 * The episode as far as the first `pieces` pieces of its email body go, for the text twin to be
 * cut at the same place: body.njk's order (each section's blocks, then the notes, then the people).
 */
export function episodeUpTo(episode: Episode, pieces: number): Episode {
  let left = pieces;
  const sections: Section[] = [];
  for (const section of episode.sections) {
    if (left <= 0) break;
    const blocks = section.blocks.slice(0, left);
    left -= blocks.length;
    sections.push({ ...section, blocks });
  }
  const footnotes = left > 0 && episode.footnotes.length > 0 ? (left--, episode.footnotes) : [];
  const people = left > 0 && episode.people.length > 0 ? episode.people : [];
  return { ...episode, sections, footnotes, people };
}

const CUT_POINT = /<!--castpress-cut:([^>]*?)-->/g;
