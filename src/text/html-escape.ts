import nunjucks from "nunjucks";

/**
 * Text for HTML element content or a quoted attribute: `& < > " '` as entities. It is the
 * escaping the templates' autoescape applies (Nunjucks' own), so text that code puts into
 * HTML reads exactly as text a template puts there.
 */
export const escapeHtml = (text: string): string => nunjucksLib.escape(text);

// @types/nunjucks does not declare nunjucks.lib, which the package exports: https://mozilla.github.io/nunjucks/api.html
const nunjucksLib = (nunjucks as unknown as { lib: { escape(text: string): string } }).lib;
