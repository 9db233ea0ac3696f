import { describe, expect, it } from "vitest";
import { calendarDate, isoDuration, playingTime, readableDate } from "../../src/text/dates-and-times.ts";

describe("playingTime", () => {
  // As the README's audio section writes playing times, and players show them.
  it.each([
    [0, "0:00"],
    [37, "0:37"],
    [97.4, "1:37"],
    [59.6, "1:00"],
    [1112, "18:32"],
    [3599, "59:59"],
    [3600, "1:00:00"],
    [3723, "1:02:03"],
    [36_000, "10:00:00"],
  ])("shows %s seconds as %s", (seconds, shown) => expect(playingTime(seconds)).toBe(shown));
});

describe("isoDuration", () => {
  // ISO 8601 durations as schema.org's examples write them: no zero units, PT0S for nothing.
  it.each([
    [0, "PT0S"],
    [37, "PT37S"],
    [97, "PT1M37S"],
    [3600, "PT1H"],
    [3723, "PT1H2M3S"],
  ])("writes %s seconds as %s", (seconds, iso) => expect(isoDuration(seconds)).toBe(iso));
});

describe("dates", () => {
  const platform = (date: Date, timeZone: string) => new Intl.DateTimeFormat("ja", { dateStyle: "long", timeZone }).format(date);

  it("shows a calendar day as written, whatever the time zone (never a day off)", () => {
    expect(calendarDate("2025-01-14", "ja")).toBe(platform(new Date("2025-01-14T00:00:00Z"), "UTC"));
    expect(calendarDate("2025-01-14", "en")).toBe("January 14, 2025");
  });

  it("shows text that is no calendar day as it is", () => {
    expect(calendarDate("spring 2025", "en")).toBe("spring 2025");
  });

  it("shows an instant on the calendar of the site's time zone", () => {
    const lateInNewYork = new Date("2025-01-17T22:30:00-05:00");
    expect(readableDate(lateInNewYork, "en", "Asia/Tokyo")).toBe("January 18, 2025");
    expect(readableDate(lateInNewYork, "en", "America/New_York")).toBe("January 17, 2025");
  });
});
