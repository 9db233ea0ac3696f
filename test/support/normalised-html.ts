import { parseFragment, serializeOuter, type DefaultTreeAdapterMap } from "parse5";

type Node = DefaultTreeAdapterMap["node"];
type ParentNode = DefaultTreeAdapterMap["parentNode"];
type Element = DefaultTreeAdapterMap["element"];
type TextNode = DefaultTreeAdapterMap["textNode"];
export type Fragment = DefaultTreeAdapterMap["documentFragment"];

/** Elements around which whitespace means nothing, as in CommonMark's own normaliser (test/normalize.py). */
const BLOCK_ELEMENTS = new Set(
  "article aside blockquote body dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li ol p pre section table tbody td tfoot th thead tr ul".split(" "),
);

export const parseHtml = (html: string): Fragment => parseFragment(html);

export const isElement = (node: Node): node is Element => "tagName" in node;
const isText = (node: Node): node is TextNode => node.nodeName === "#text";

/**
 * One string per tree, equal for trees a reader cannot tell apart: attributes sorted, runs of
 * whitespace outside <pre> as one space, whitespace next to a block element dropped.
 */
export function normalisedHtml(fragment: ParentNode): string {
  return childrenOf(fragment, true, false);
}

function childrenOf(parent: ParentNode, parentIsBlock: boolean, inPre: boolean): string {
  // Text split over several nodes (as unwrapping leaves it) is one text.
  const nodes: (Node | string)[] = [];
  for (const node of parent.childNodes) {
    if (isText(node) && typeof nodes.at(-1) === "string") nodes[nodes.length - 1] += node.value;
    else nodes.push(isText(node) ? node.value : node);
  }
  return nodes
    .map((node, index) => {
      if (typeof node === "string") {
        if (inPre) return escapeText(node);
        let text = node.replace(/[ \t\n\r\f]+/g, " ");
        const before = nodes[index - 1];
        const after = nodes[index + 1];
        if (before ? isBlock(before) : parentIsBlock) text = text.replace(/^ /, "");
        if (after ? isBlock(after) : parentIsBlock) text = text.replace(/ $/, "");
        return escapeText(text);
      }
      if (!isElement(node)) return "";
      const attributes = [...node.attrs]
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .map((attribute) => ` ${attribute.name}="${escapeText(attribute.value).replace(/"/g, "&quot;")}"`)
        .join("");
      const open = `<${node.tagName}${attributes}>`;
      if (node.childNodes.length === 0 && ["br", "hr", "img", "input"].includes(node.tagName)) return open;
      return `${open}${childrenOf(node, isBlock(node), inPre || node.tagName === "pre")}</${node.tagName}>`;
    })
    .join("");
}

const isBlock = (node: Node | string): boolean => typeof node !== "string" && isElement(node) && BLOCK_ELEMENTS.has(node.tagName);
const escapeText = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Puts an element's children in its place. */
export function unwrap(element: Element): void {
  const parent = element.parentNode!;
  const index = parent.childNodes.indexOf(element);
  for (const child of element.childNodes) child.parentNode = parent;
  parent.childNodes.splice(index, 1, ...element.childNodes);
}

/** Every element below `root`, depth first. */
export function elementsOf(root: ParentNode): Element[] {
  return root.childNodes.flatMap((node) => (isElement(node) ? [node, ...elementsOf(node)] : []));
}

/** Every text node below `root` whose ancestors (up to root) pass `keep`. */
export function textNodesOf(root: ParentNode, keep: (element: Element) => boolean): TextNode[] {
  return root.childNodes.flatMap((node) => (isText(node) ? [node] : isElement(node) && keep(node) ? textNodesOf(node, keep) : []));
}

export const htmlOf = (node: Node): string => serializeOuter(node);
