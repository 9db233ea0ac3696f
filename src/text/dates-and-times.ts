import { Duration } from "luxon";

/**
 * How every output shows dates and playing times, in the site's language: the web pages, the
 * email and its text twin say "16 January 2025" and "1:37" alike.
 */

/** "16 January 2025": an instant, on the calendar of the site's time zone. */
export function readableDate(date: Date, language: string, timeZone: string): string {
  return longDateFormat(language, timeZone).format(date);
}

/** A calendar day as written (`2025-01-13`), shown like readableDate; any other text is shown as it is. */
export function calendarDate(day: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  // The day has no time zone of its own: format it in UTC so it never shifts by one.
  return readableDate(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))), language, "UTC");
}

/**
 * Seconds as a player shows them: `0:37`, `18:32`, `1:02:03`. By hand: luxon's toFormat took a
 * quarter of a second of a 1000-episode build, shown on every card of every list.
 */
export function playingTime(seconds: number): string {
  const whole = wholeSeconds(seconds);
  const [hours, minutes, rest] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const twoDigits = (value: number): string => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}:${twoDigits(minutes)}:${twoDigits(rest)}` : `${minutes}:${twoDigits(rest)}`;
}

/** Seconds as an ISO 8601 duration, as schema.org asks: 97 → `PT1M37S`. */
export function isoDuration(seconds: number): string {
  return Duration.fromObject({ seconds: wholeSeconds(seconds) }).rescale().toISO();
}

const wholeSeconds = (seconds: number): number => Math.max(0, Math.round(seconds));

/** One formatter per language and zone: making one costs a few hundred times what formatting a date does. */
const longDateFormats = new Map<string, Intl.DateTimeFormat>();
function longDateFormat(language: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${language}\0${timeZone}`;
  let format = longDateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone });
    longDateFormats.set(key, format);
  }
  return format;
}
