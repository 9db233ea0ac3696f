import nunjucks from "nunjucks";

/**
 * Each Nunjucks page and permalink compiled once per build, not once per page: Eleventy's own
 * Nunjucks engine opts out of its compile cache, so a template that paginates over 1000
 * episodes was compiled 1000 times, and its permalink too (a tenth of the pages' rendering).
 * This overrides the `njk` language the way Eleventy documents
 * (https://www.11ty.dev/docs/languages/custom/#overriding-an-existing-template-language)
 * with the same compile, cached under the template's path and text. Includes and layouts are
 * still looked up at render time, where the environment's loader caches them.
 */
export function nunjucksCompiledOnce(eleventyConfig: any, { environment }: { environment: nunjucks.Environment }): void {
  const permalinks = new Map<string, Renderer>();
  eleventyConfig.addExtension("njk", {
    key: "njk",
    compile: (text: string, inputPath: string) => renderer(new nunjucks.Template(text, environment, inputPath, false)),
    compileOptions: {
      cache: true,
      // Eleventy asks for each page's permalink anew; a permalink that is a function (or none) stays as it is.
      permalink: (permalink: unknown, inputPath: string) => {
        if (typeof permalink !== "string") return permalink;
        const key = `${inputPath}\0${permalink}`;
        let render = permalinks.get(key);
        if (!render) permalinks.set(key, (render = renderer(new nunjucks.Template(permalink, environment, inputPath, false))));
        return render;
      },
    },
  });
}

type Renderer = (data: object) => Promise<string>;

function renderer(template: nunjucks.Template): Renderer {
  return (data) =>
    new Promise((resolve, reject) => template.render(data, (error, result) => (error ? reject(error) : resolve(result ?? ""))));
}
