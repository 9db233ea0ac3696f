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

const ELLIPSIS = "…";
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });

/**
 * The text cut to at most `maxBytes` of UTF-8, between grapheme clusters so no character
 * (nor an emoji sequence) is split; an ellipsis marks a cut.
 */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let budget = maxBytes - Buffer.byteLength(ELLIPSIS);
  let cut = 0;
  for (const char of text) {
    budget -= utf8Length(char.codePointAt(0)!);
    if (budget < 0) break;
    cut += char.length;
  }
  // Back up to the start of the grapheme the cut falls in (it is `cut` itself at a boundary).
  const boundary = graphemes.segment(text.slice(0, cut + 64)).containing(cut)?.index ?? cut;
  return text.slice(0, boundary).trimEnd() + ELLIPSIS;
}

const utf8Length = (codePoint: number): number => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);
