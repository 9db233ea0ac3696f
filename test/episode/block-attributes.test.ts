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

});
