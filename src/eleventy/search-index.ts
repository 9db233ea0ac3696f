import * as pagefind from "pagefind";

/**
 * Builds the Pagefind search index over the finished pages, into /pagefind/, so the archive's
 * search box works offline on any static host. Only what is marked `data-pagefind-body` (an
 * episode's text) is indexed: https://pagefind.app/docs/indexing/
 */
export function searchIndex(eleventyConfig: any): void {
  eleventyConfig.on("eleventy.after", async ({ directories }: { directories: { output: string } }) => {
    try {
      await writeSearchIndex(directories.output);
    } finally {
      // Pagefind runs as a child process; closing it lets `castpress build` exit.
      await pagefind.close();
    }
  });
}

export async function writeSearchIndex(output: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  const added = await index.addDirectory({ path: output, glob: "**/*.html" });
  if (added.errors.length > 0) throw new Error(`Pagefind could not index ${output}: ${added.errors.join("; ")}`);
  const written = await index.writeFiles({ outputPath: `${output}/pagefind` });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
}
