import fc from "fast-check";
import { parseFragment, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/text/html-escape.ts";
import { authorText } from "../support/arbitraries.ts";

type Element = DefaultTreeAdapterMap["element"];
type TextNode = DefaultTreeAdapterMap["textNode"];

const SEED = Date.now() ^ (Math.random() * 0x100000000);

/**
 * HTML's input stream turns CR and CR LF into LF (https://html.spec.whatwg.org/#preprocessing-the-input-stream),
 * and U+0000 is dropped from text and replaced in an attribute: no escaping can carry them, so
 * the text is compared as a browser holds it.
 */
const newlines = (text: string): string => text.replace(/\r\n?/g, "\n");
const asText = (text: string): string => newlines(text).replace(/\u0000/g, "");
const asAttribute = (text: string): string => newlines(text).replace(/\u0000/g, "\uFFFD");

describe(`escapeHtml (seed ${SEED})`, () => {
  it("puts any text an author types into element content and a quoted attribute, read back unchanged by an HTML parser", () => {
    console.log(`html-escape: seed ${SEED}`);
    fc.assert(
      fc.property(authorText(), (text) => {
        const html = `<p title="${escapeHtml(text)}" data-x='${escapeHtml(text)}'>${escapeHtml(text)}</p><i>after</i>`;
        const [paragraph, after] = parseFragment(html).childNodes as Element[];
        expect(paragraph!.attrs).toEqual([
          { name: "title", value: asAttribute(text) },
          { name: "data-x", value: asAttribute(text) },
        ]);
        expect(paragraph!.childNodes.map((node) => (node as TextNode).value).join("")).toBe(asText(text));
        expect(after!.tagName).toBe("i");
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
