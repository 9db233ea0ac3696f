import { emailHtml, emailText, episodePage, podcastFeed, readerFeed } from "../paths/output-paths.ts";
import { escapeHtml } from "../text/html-escape.ts";

/**
 * One page per episode showing its email as subscribers will see it (desktop and phone
 * widths, light and dark side by side) and links to its text twin and the feeds; the .eml is
 * made on request (`castpress email`), not by a build.
 */
export function emailPreviewPage(slug: string, title: string, link: (sitePath: string) => string): string {
  const frames = [
    ["Desktop, light", 600, "light"],
    ["Desktop, dark", 600, "dark"],
    ["Phone, light", 375, "light"],
    ["Phone, dark", 375, "dark"],
  ] as const;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: ${escapeHtml(title)}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:1em;background:#eee;color:#111}
.frames{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}
figure{margin:0}figcaption{font-weight:600;margin-bottom:.3em}
iframe{border:1px solid #999;background:#fff;height:900px}
</style></head><body>
<h1>Preview: ${escapeHtml(title)}</h1>
<p><a href="${link(episodePage(slug))}">Episode page</a> · <a href="${link(emailText(slug))}">Plain text</a> ·
<a href="/__castpress/feeds/">Feeds</a> · the MIME message (.eml) is made on request: <code>castpress email ${escapeHtml(slug)}</code></p>
<div class="frames">
${frames
  .map(
    ([label, width, scheme]) =>
      `<figure><figcaption>${label}</figcaption><iframe title="${label}" src="${link(emailHtml(slug))}" width="${width}" style="color-scheme:${scheme}"></iframe></figure>`,
  )
  .join("\n")}
</div></body></html>`;
}

/** Both feeds as their XML, for reading before publishing. */
export function feedsPreviewPage(feeds: { path: string; xml: string | undefined }[], link: (sitePath: string) => string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Preview: feeds</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:1em}pre{white-space:pre-wrap;background:#f4f4f4;padding:1em;overflow:auto}</style>
</head><body><h1>Feeds</h1>
${feeds
  .map(
    ({ path, xml }) =>
      `<h2><a href="${link(path)}">${path}</a></h2>${xml === undefined ? "<p>Not built.</p>" : `<pre>${escapeHtml(xml)}</pre>`}`,
  )
  .join("\n")}
</body></html>`;
}

export const FEED_PATHS = [readerFeed(), podcastFeed()];

/**
 * What every page shows until the first build has succeeded: that it is being built, or
 * why it failed (as in the terminal). The live-reload client reloads it when that changes.
 */
export function pendingPage(problems: string[]): string {
  const failed = problems.length > 0;
  const title = failed ? "The preview could not be built" : "Building the preview…";
  return `<!doctype html>
<html lang="en" data-castpress-pending="${escapeHtml(JSON.stringify(problems))}"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2em}pre{white-space:pre-wrap;background:#2b0b0b;color:#ffd7d7;padding:1em}</style>
</head><body><h1>${title}</h1>
${failed ? `<p>Fix what follows and save: this page reloads when the build succeeds.</p>\n<pre>${escapeHtml(problems.join("\n"))}</pre>` : "<p>This page reloads when the first build is done.</p>"}
</body></html>`;
}
