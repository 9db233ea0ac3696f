/** How an email issue writes dates and playing times, in the HTML and the text twin alike. */

/** "2025-01-16" → "16 January 2025" in the site's language; the date is a calendar date, not an instant. */
export function longDate(isoDate: string, language: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (!year || !month || !day) return isoDate;
  return longDateFormat(language).format(new Date(Date.UTC(year, month - 1, day)));
}

/** One formatter per language: making one costs a few hundred times what formatting a date does. */
const longDateFormats = new Map<string, Intl.DateTimeFormat>();
function longDateFormat(language: string): Intl.DateTimeFormat {
  let format = longDateFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" });
    longDateFormats.set(language, format);
  }
  return format;
}

/** 97 → "1:37"; 4000 → "1:06:40". */
export function playingTime(seconds: number): string {
  const whole = Math.round(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor((whole % 3600) / 60), whole % 60];
  const pad = (n: number) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
