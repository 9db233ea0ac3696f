import { z } from "zod";
import { languageTagMistake } from "./language-tag.ts";

/**
 * A YAML value that must be a language tag (castpress.yaml's `language`, a person's `lang`).
 * The message follows the key and the value: `language "english" is a language's name, …`.
 */
export const languageTagSchema = (hint: string) =>
  z
    .string()
    .superRefine((tag, context) => {
      const mistake = languageTagMistake(tag);
      if (mistake) context.addIssue({ code: "custom", message: mistake.problem });
    })
    .describe(hint);
