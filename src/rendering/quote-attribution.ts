import type { QuoteBlock } from "../episode/episode.ts";

/** One part of the line under a quote. */
export interface AttributionPart {
  kind: "speaker" | "role" | "cite" | "date";
  /** The text as written; for a source without a name, "source". The date is `YYYY-MM-DD`. */
  text: string;
  /** The source's URL, on the `cite` part. */
  url?: string;
}

/**
 * Who said a quote, where and when, in the order every output shows them: speaker, role,
 * source, date. One decision for the web, the feeds, the email and its text twin, so a quote
 * with only a `role` shows it everywhere.
 */
export function quoteAttribution(quote: QuoteBlock): AttributionPart[] {
  const parts: AttributionPart[] = [];
  if (quote.speaker) parts.push({ kind: "speaker", text: quote.speaker });
  if (quote.role) parts.push({ kind: "role", text: quote.role });
  if (quote.cite || quote.source) parts.push({ kind: "cite", text: quote.cite ?? "source", ...(quote.source && { url: quote.source }) });
  if (quote.date) parts.push({ kind: "date", text: quote.date });
  return parts;
}
