import type { SiteConfig } from "../config/site-config.ts";

/** How the web pages show dates and times: in the site's language and time zone. */
export function webTimeFilters(eleventyConfig: any): void {
  eleventyConfig.addFilter("readableDate", readableDate);
  eleventyConfig.addFilter("calendarDate", calendarDate);
  eleventyConfig.addFilter("isoDateTime", (date: Date) => date.toISOString());
  eleventyConfig.addFilter("clockTime", clockTime);
}

type DateSite = Pick<SiteConfig, "language" | "timeZone">;

/** "16 January 2025": an instant, on the calendar of the site's time zone. */
export function readableDate(date: Date, site: DateSite): string {
  return new Intl.DateTimeFormat(site.language, { dateStyle: "long", timeZone: site.timeZone }).format(date);
}

/** A calendar day as written (`2025-01-13`), shown like readableDate; any other text is shown as it is. */
export function calendarDate(day: string, site: DateSite): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  // The day has no time zone of its own: format it in UTC so it never shifts by one.
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(site.language, { dateStyle: "long", timeZone: "UTC" }).format(date);
}

/** Seconds as a player shows them: `0:37`, `18:32`, `1:02:03`. */
export function clockTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const secs = String(whole % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}
