import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCalendarDate } from "../../src/episode/block-attributes.ts";

describe("isCalendarDate (a meeting's date=, castpress new --date)", () => {
  it.each([
    ["2025-01-13", true],
    ["2024-02-29", true],
    ["2000-02-29", true],
    ["2023-02-29", false],
    ["1900-02-29", false],
    ["2025-04-31", false],
    ["2025-12-31", true],
    ["2025-13-01", false],
    ["2025-00-10", false],
    ["2025-01-00", false],
    ["2025-1-5", false],
    ["13 January 2025", false],
    ["2025-01-13T09:00:00Z", false],
  ])("%s is %s", (text, real) => expect(isCalendarDate(text)).toBe(real));

  // The platform's own calendar as the reference: a day is real when Date keeps it as written.
  const seed = Number(process.env.CASTPRESS_PROPERTY_SEED ?? Date.now() % 2 ** 31);
  it(`agrees with the platform's calendar on any YYYY-MM-DD (seed ${seed}, replay: CASTPRESS_PROPERTY_SEED=${seed})`, () => {
    console.log(`block-attributes: dates from seed ${seed}`);
    const pad = (value: number, width: number) => String(value).padStart(width, "0");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (year, month, day) => {
        const date = new Date(0);
        date.setUTCFullYear(year, month - 1, day);
        const kept = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
        expect(isCalendarDate(`${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`)).toBe(kept);
      }),
      { seed, numRuns: 2000 },
    );
  });
});
