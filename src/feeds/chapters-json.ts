import type { Episode } from "../episode/episode.ts";

/** Podcasting 2.0 JSON chapters. https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/examples/chapters/jsonChapters.md */
export interface ChaptersFile {
  version: "1.2.0";
  chapters: { startTime: number; title: string }[];
}

export function chaptersFileOf(episode: Episode): ChaptersFile {
  return {
    version: "1.2.0",
    chapters: episode.chapters.map((chapter) => ({ startTime: chapter.start, title: chapter.title })),
  };
}

/** The chapters file's text; JSON.stringify escapes what JSON needs, so any title is safe. */
export const chaptersJson = (episode: Episode): string => `${JSON.stringify(chaptersFileOf(episode), null, 2)}\n`;
