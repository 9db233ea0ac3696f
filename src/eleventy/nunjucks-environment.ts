import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";

/** castpress's own templates, wherever the author's project is. */
export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../templates");

/**
 * The one Nunjucks environment for every output. Templates include each other by their
 * path below templates/ ("blocks/quote/web.njk"). Author text is data, escaped by default
 * and never evaluated as a template: https://mozilla.github.io/nunjucks/api.html#autoescaping
 */
export function nunjucksEnvironment(): nunjucks.Environment {
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(TEMPLATES_DIR), { autoescape: true, throwOnUndefined: false });
}
