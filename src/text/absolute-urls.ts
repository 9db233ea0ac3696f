/** URL-valued attributes castpress's HTML may hold. */
const URL_ATTRIBUTE = /(\s(?:href|src|cite|poster)=")([^"]*)"/g;

/**
 * The HTML with every root-relative link (`/show/people/x/`, as `siteLink` makes them) made
 * absolute against the site's origin, and every fragment link (`#fn1`) pointing into the
 * episode's page, since a feed reader or a mail client shows the HTML away from the site
 * (both feeds and email use it). Values are joined as written: they are already
 * HTML-escaped, and re-parsing them as URLs would re-encode them.
 */
export function absoluteHtml(html: string, baseUrl: string, pageUrl: string): string {
  const origin = new URL(baseUrl).origin;
  return html.replace(URL_ATTRIBUTE, (whole, start: string, value: string) => {
    if (value.startsWith("/") && !value.startsWith("//")) return `${start}${origin}${value}"`;
    if (value.startsWith("#")) return `${start}${pageUrl}${value}"`;
    return whole;
  });
}
