/**
 * On a terminal, a one-line count of the pages Eleventy has written so far, redrawn in place
 * (the episode pages and the emails are written beside them, by the episode-pages and emails
 * plugins, not through Eleventy). Silent in CI and when output is piped, so logs stay clean.
 */
export function buildProgress(eleventyConfig: any): void {
  const stream = process.stderr;
  if (!stream.isTTY || process.env.CI) return;
  let pages = 0;
  let lastDraw = 0;

  eleventyConfig.on("eleventy.before", () => {
    pages = 0;
  });
  eleventyConfig.addTransform("castpress-progress", function (this: { page: { outputPath: string | false } }, content: string) {
    if (String(this.page.outputPath || "").endsWith(".html")) pages++;
    const now = Date.now();
    if (now - lastDraw > 100) {
      lastDraw = now;
      stream.write(`\r\x1b[2KWriting: ${pages} pages`);
    }
    return content;
  });
  eleventyConfig.on("eleventy.after", () => stream.write("\r\x1b[2K"));
}
