import * as paths from "../paths.ts";

/** Every published path as a filter, so templates link exactly where pages are written. */
export function pathFilters(eleventyConfig: any, options: { baseUrl?: () => string } = {}): void {
  for (const [name, fn] of Object.entries(paths)) {
    if (typeof fn === "function" && name !== "absoluteUrl") eleventyConfig.addFilter(name, fn);
  }
  eleventyConfig.addFilter("absoluteUrl", function (this: any, url: string) {
    const base = options.baseUrl?.() ?? this.ctx?.castpress?.site?.baseUrl;
    return paths.absoluteUrl(base, url);
  });
}
