import { z } from "zod";
import { languageTagSchema } from "../language/language-tag-schema.ts";

/** One entry of a people list, in people.yaml or an episode's `people:`. */
export const personEntry = z.strictObject({
  name: z.string().trim().min(1).describe("give the person's name as it appears in [[...]]"),
  native: z.string().optional().describe("the name in its own script, e.g. 福田達夫"),
  lang: languageTagSchema("the native name's language, as a BCP 47 tag: ja, zh, zh-Hant, ko, ...").optional(),
  role: z.string().optional().describe("what the person does, in one line"),
});

const duration = z
  .union([z.number().positive(), z.string().regex(/^(\d+:)?\d{1,2}:\d{2}$|^\d+(\.\d+)?$/)])
  .describe('write the duration as seconds, "MM:SS" or "HH:MM:SS"');

/**
 * An episode's date is when it is published. A year outside these is a typo: before 1900 no
 * episode was published, and a date centuries ahead would keep the episode scheduled, out of
 * every output, for good. (Meetings, which can be history, are not bound by this.)
 */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
function isInPublishingYears(date: string): boolean {
  const year = /^([+-]?\d+)-/.exec(date)?.[1];
  return year === undefined || (Number(year) >= FIRST_YEAR && Number(year) <= LAST_YEAR);
}

/** The keys an episode's front matter may have; see docs in README.md. */
export const frontMatterSchema = z.strictObject({
  title: z.string().trim().min(1).describe('give the episode a title: title: "..."'),
  date: z
    .union([z.string(), z.date()])
    .transform((value) => (value instanceof Date ? value.toISOString() : value))
    .refine(isInPublishingYears, { message: `is outside the years ${FIRST_YEAR} to ${LAST_YEAR}: check the year` })
    .describe("write the date as YYYY-MM-DD, or ISO 8601 with an offset: 2025-01-16T09:00:00+09:00"),
  subtitle: z
    .string()
    .refine((text) => !text.includes("\n"), { message: "is more than one line" })
    .optional()
    .describe("keep the subtitle to one line"),
  summary: z.string().max(4000).optional().describe("shorten the summary to at most 4000 characters"),
  guid: z.string().trim().min(1).optional().describe("the episode's permanent id: keep the UUID `castpress new` wrote"),
  tags: z.array(z.string().trim().min(1)).default([]).describe("write tags as a list of words: tags: [china, japan]"),
  episode: z.int().min(1).optional().describe("the episode number: a whole number from 1"),
  season: z.int().min(1).optional().describe("the season number: a whole number from 1"),
  episodeType: z.enum(["full", "trailer", "bonus"]).default("full").describe("full, trailer or bonus"),
  audio: z
    .strictObject({
      src: z.string().trim().min(1).describe("the audio file: a path beside the episode or an https URL"),
      duration: duration.optional(),
      length: z.int().positive().optional().describe("the file's size in bytes"),
      type: z
        .string()
        .regex(/^(audio|video)\/[\w.+-]+$/, "is not an audio MIME type")
        .optional()
        .describe("a MIME type such as audio/mpeg, or leave it out to infer it from the extension"),
    })
    .optional(),
  image: z.string().trim().min(1).optional().describe("episode art: a path beside the episode or an https URL"),
  people: z.array(personEntry).default([]),
  draft: z.boolean().default(false).describe("true or false"),
  explicit: z.boolean().optional().describe("true or false"),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;

/** A tag as listed in an episode's front matter, with its line. */
export interface LocatedTag {
  name: string;
  line: number;
}
export type PersonEntry = z.output<typeof personEntry>;
