import type { Page } from "playwright-core";

/** Where a browser broke the lines of an element's text, measured from its line boxes. */
export interface LineBreaks {
  /** The element's text, as in the source (whitespace as written). */
  text: string;
  /** How many lines it took. */
  lines: number;
  /** At each break, the text around it (the end of one line, "|", the start of the next) and whether whitespace is between. */
  breaks: { around: string; atSpace: boolean }[];
}

/**
 * Measures the first element matching `selector`: each character's box by Range.getClientRects,
 * a new line wherever a box starts below the one before. A break "at a space" has whitespace
 * in the source between the last character of one line and the first of the next.
 */
export function measureLineBreaks(page: Page, selector: string): Promise<LineBreaks> {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) throw new Error(`no element matches ${selector}`);
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const boxes: { offset: number; top: number; bottom: number }[] = [];
    let text = "";
    const range = document.createRange();
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      for (let index = 0; index < node.data.length; index++) {
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        const rect = [...range.getClientRects()].find((box) => box.width > 0);
        if (rect && !/\s/.test(node.data[index]!)) boxes.push({ offset: text.length + index, top: rect.top, bottom: rect.bottom });
      }
      text += node.data;
    }
    const breaks: { around: string; atSpace: boolean }[] = [];
    for (let index = 1; index < boxes.length; index++) {
      const before = boxes[index - 1]!;
      const after = boxes[index]!;
      // A box entirely below the one before starts a new line.
      if (after.top < before.bottom - 1) continue;
      breaks.push({
        around: `${text.slice(Math.max(0, before.offset - 3), before.offset + 1)}|${text.slice(before.offset + 1, after.offset + 3)}`,
        atSpace: /\s/.test(text.slice(before.offset + 1, after.offset)),
      });
    }
    return { text, lines: breaks.length + 1, breaks };
  }, selector);
}

/** The breaks that fall inside a word, with no whitespace between the two lines. */
export const breaksInsideWords = (measured: LineBreaks): string[] => measured.breaks.filter((one) => !one.atSpace).map((one) => one.around);

/** The font families Chromium drew an element's text with (CSS.getPlatformFontsForNode), most glyphs first. */
export async function fontsOf(page: Page, selector: string): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  await session.send("DOM.enable");
  await session.send("CSS.enable");
  const { root } = await session.send("DOM.getDocument", { depth: -1 });
  const { nodeId } = await session.send("DOM.querySelector", { nodeId: root.nodeId, selector });
  const families = new Map<string, number>();
  // The element's own text nodes and its descendants': ask for each element below it.
  const { nodeIds } = await session.send("DOM.querySelectorAll", { nodeId, selector: "*" });
  for (const id of [nodeId, ...nodeIds]) {
    const { fonts } = await session.send("CSS.getPlatformFontsForNode", { nodeId: id });
    for (const font of fonts) families.set(font.familyName, (families.get(font.familyName) ?? 0) + font.glyphCount);
  }
  await session.detach();
  return [...families.entries()].sort((a, b) => b[1] - a[1]).map(([family]) => family);
}
