import path from "node:path";

/**
 * The file in the output folder that a site path names (src/paths/output-paths.ts): a page's
 * path ("/episodes/x/") is its folder's index.html, as static hosts serve it.
 */
export function outputFile(output: string, sitePath: string): string {
  const file = path.join(output, decodeURIComponent(sitePath));
  return sitePath.endsWith("/") ? path.join(file, "index.html") : file;
}
