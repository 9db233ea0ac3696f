import { parse, type DefaultTreeAdapterMap } from "parse5";
import { textOf } from "./html-text.ts";

type HtmlNode = DefaultTreeAdapterMap["node"];
type HtmlElement = DefaultTreeAdapterMap["element"];

/**
 * The links inside the elements of a page that carry `className` (a tag list, the people
 * index), as a reader finds them: each link's text, as the HTML parser reads it, and its href.
 * Where castpress spells a page's name itself (a tag, a person), a test learns from the site
 * where that page is, as a reader does, and checks that it is there.
 */
export function linksIn(html: string, className: string): { text: string; href: string }[] {
  const found: { text: string; href: string }[] = [];
  const visit = (node: HtmlNode, inside: boolean): void => {
    const here = "tagName" in node && (inside || (attribute(node, "class") ?? "").split(/\s+/).includes(className));
    if ("tagName" in node && here && node.tagName === "a") {
      const href = attribute(node, "href");
      if (href !== undefined) found.push({ text: textOf(node).trim(), href });
    }
    if ("childNodes" in node) node.childNodes.forEach((child) => visit(child, here || inside));
  };
  visit(parse(html), false);
  return found;
}

const attribute = (element: HtmlElement, name: string): string | undefined => element.attrs.find((attr) => attr.name === name)?.value;
