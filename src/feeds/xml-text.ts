/**
 * Characters XML 1.0 forbids anywhere in a document, even escaped: C0 controls other than
 * tab, newline and carriage return, U+FFFE and U+FFFF, and surrogates that are not part of
 * a pair. https://www.w3.org/TR/xml/#charsets
 */
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with every character XML 1.0 forbids dropped; all else is kept as written. */
export function xmlSafeText(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, "");
}

/**
 * A copy of a value with xmlSafeText applied to every string inside it, at any depth, so
 * nothing an author typed can make a feed ill-formed. Dates and other objects are kept.
 */
export function xmlSafeDeep<T>(value: T): T {
  if (typeof value === "string") return xmlSafeText(value) as T;
  if (Array.isArray(value)) return value.map(xmlSafeDeep) as T;
  if (value && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, xmlSafeDeep(inner)])) as T;
  }
  return value;
}

/**
 * The text cut to at most `maxBytes` of UTF-8, between grapheme clusters so no character
 * (nor an emoji sequence) is split; an ellipsis marks a cut.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  const ellipsis = "…";
  let budget = maxBytes - encoder.encode(ellipsis).length;
  let kept = "";
  for (const { segment } of new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text)) {
    const bytes = encoder.encode(segment).length;
    if (bytes > budget) break;
    budget -= bytes;
    kept += segment;
  }
  return kept.trimEnd() + ellipsis;
}
