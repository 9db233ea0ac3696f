import { parse, parseFragment, type DefaultTreeAdapterMap } from "parse5";

type HtmlNode = DefaultTreeAdapterMap["node"];

/**
 * What a reader's browser holds as text, parsed by the HTML standard's own algorithm (parse5):
 * entities decoded, markup gone. `<script>` and `<style>` are left out; they are not read.
 */
export function htmlText(html: string): string {
  return textOf(parse(html));
}

/** The text of an HTML fragment, such as a feed item's description. */
export function htmlFragmentText(html: string): string {
  return textOf(parseFragment(html));
}

/** The text of the first element with this tag name (e.g. the page's `h1`), as a browser has it. */
export function firstElementText(html: string, tagName: string): string | undefined {
  const find = (node: HtmlNode): HtmlNode | undefined =>
    "tagName" in node && node.tagName === tagName ? node : "childNodes" in node ? node.childNodes.map(find).find(Boolean) : undefined;
  const element = find(parse(html));
  return element && textOf(element);
}

/** A node's text as a browser holds it, without `<script>` and `<style>`. */
export function textOf(node: HtmlNode): string {
  if (node.nodeName === "#text") return (node as DefaultTreeAdapterMap["textNode"]).value;
  if ("tagName" in node && (node.tagName === "script" || node.tagName === "style")) return "";
  return "childNodes" in node ? node.childNodes.map(textOf).join("") : "";
}
