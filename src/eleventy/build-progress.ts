/**
 * On a terminal, a one-line count of what has been written so far (pages, emails),
 * redrawn in place. Silent in CI and when output is piped, so logs stay clean.
 */
export function buildProgress(eleventyConfig: any): void {
  const stream = process.stderr;
  if (!stream.isTTY || process.env.CI) return;
  let counts = { pages: 0, emails: 0 };
  let lastDraw = 0;

  eleventyConfig.on("eleventy.before", () => {
    counts = { pages: 0, emails: 0 };
  });
  eleventyConfig.addTransform("castpress-progress", function (this: { page: { outputPath: string | false } }, content: string) {
    const output = String(this.page.outputPath || "");
    if (/\/email\//.test(output)) counts.emails++;
    else if (output.endsWith(".html")) counts.pages++;
    const now = Date.now();
    if (now - lastDraw > 100) {
      lastDraw = now;
      stream.write(`\r\x1b[2KWriting: ${counts.pages} pages, ${counts.emails} email files`);
    }
    return content;
  });
  eleventyConfig.on("eleventy.after", () => stream.write("\r\x1b[2K"));
}
