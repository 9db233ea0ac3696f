/**
 * The one typed value every renderer takes. It is made by parseEpisode, which is the only
 * place that knows the Markdown syntax; nothing downstream parses Markdown again.
 *
 * Rendered HTML in it uses root-relative links (`/people/x/`); outputs that need absolute
 * URLs (feeds, email) resolve them against the site's base URL.
 */
export interface Episode {
  /** Path relative to the project root, for messages: `episodes/2025-01-16-x.md`. */
  file: string;
  slug: string;
  title: string;
  subtitle?: string;
  summary?: string;
  /** The publication instant. */
  date: Date;
  /** The publication's calendar day in the site's time zone (`YYYY-MM-DD`), as the email shows it. */
  dateText: string;
  guid: string;
  tags: string[];
  episodeNumber?: number;
  season?: number;
  episodeType: "full" | "trailer" | "bonus";
  explicit: boolean;
  /** `draft: true` in the front matter. */
  draft: boolean;
  /** Dated in the future at the time of the build. */
  scheduled: boolean;
  image?: Media;
  audio?: Audio;
  sections: Section[];
  chapters: Chapter[];
  /** Everyone the episode mentions, in order of first mention. */
  people: Person[];
  /** Footnotes, in order of reference. */
  footnotes: Footnote[];
  /** Every distinct link in the body, in order: the numbered references of the plain text. */
  links: string[];
}

/** A file of the project or a remote URL. */
export interface Media {
  /** Where it is published: a root-relative path under /media/ or an absolute https URL. */
  url: string;
  /** Absolute path of the local file, when it is one. */
  sourcePath?: string;
  /** Text for `alt` attributes. */
  alt: string;
}

export interface Audio extends Media {
  /** Seconds. */
  duration: number;
  /** Bytes. */
  length: number;
  type: string;
  transcript: Transcript;
}

export interface Transcript {
  url: string;
  type: "text/vtt" | "application/x-subrip" | "text/html";
  sourcePath?: string;
}

export interface Section {
  /** Fragment id of the heading; "" for the untitled opening section (a heading always has one). */
  id: string;
  /** Plain text of the heading, without its time stamp; "" for the opening section and a heading with no text. */
  title: string;
  titleHtml: string;
  /** Chapter start in seconds, when the heading has a time stamp. */
  start?: number;
  blocks: Block[];
}

export interface Chapter {
  title: string;
  /** Seconds from the start of the audio. */
  start: number;
  /** Fragment id of the section it starts. */
  id: string;
}

export type Block = ProseBlock | QuoteBlock | TimelineBlock | ReadingBlock | NoteBlock;

/** Ordinary Markdown between structured blocks. */
export interface ProseBlock {
  kind: "prose";
  html: string;
  /** Plain text, links as `[n]` references into Episode.links. */
  text: string;
}

export interface QuoteBlock {
  kind: "quote";
  speaker?: string;
  role?: string;
  /** The source's URL. */
  source?: string;
  /** The source's name. */
  cite?: string;
  date?: string;
  original: QuotePart;
  /** In the site's language; absent for a quote in one language. */
  translation?: QuotePart;
}

export interface QuotePart {
  lang: string;
  html: string;
  text: string;
}

/** Consecutive meeting blocks, in the order written. */
export interface TimelineBlock {
  kind: "timeline";
  meetings: Meeting[];
}

export interface Meeting {
  /** YYYY-MM-DD. */
  date: string;
  with?: string;
  /** The person `with` names, when the people directory or the episode lists them; `first` when it is their first mention. */
  withPerson?: { person: Person; first: boolean };
  role?: string;
  place?: string;
  title?: string;
  blocks: Block[];
}

export interface ReadingBlock {
  kind: "reading";
  items: ReadingItem[];
}

export interface ReadingItem {
  url: string;
  /** The link text, plain. */
  title: string;
  /** The whole list item, rendered. */
  html: string;
  text: string;
}

export interface NoteBlock {
  kind: "note";
  blocks: Block[];
}

export interface Person {
  name: string;
  slug: string;
  native?: string;
  lang?: string;
  role?: string;
}

export interface Footnote {
  id: string;
  html: string;
  text: string;
}
