import path from "node:path";
import { z } from "zod";
import type { Person } from "./episode.ts";
import { personEntry, type PersonEntry } from "./front-matter.ts";
import { personSlug } from "../paths/output-paths.ts";
import { PEOPLE_FILE } from "../paths/project-files.ts";
import { languageOfScript, scriptMismatch } from "../language/script-mismatch.ts";
import { exampleLanguages, exampleList, languagesInUse } from "../language/site-languages.ts";
import { ProblemList } from "../problems/problem.ts";
import { readAuthorFile } from "../yaml/author-file.ts";
import { parseCheckedYaml } from "../yaml/checked-yaml.ts";


/** A people entry that passed its schema, with the line it starts on. */
export interface LocatedPerson {
  entry: PersonEntry;
  line: number;
}

/** The site-wide people directory: everyone `[[Name]]` may name in any episode. */
export async function loadPeopleDirectory(root: string): Promise<{ people: Map<string, Person>; problems: ProblemList }> {
  const problems = new ProblemList(PEOPLE_FILE);
  let source: string | undefined;
  try {
    source = await readAuthorFile(path.join(root, PEOPLE_FILE), problems);
  } catch {
    return { people: new Map(), problems };
  }
  if (source === undefined) return { people: new Map(), problems };
  const { raw, lineOf } = parseCheckedYaml(
    source,
    z.array(personEntry).nullable().describe("write people.yaml as a list, each entry starting with - name: ..."),
    problems,
  );
  // Entries with a mistake are reported above; the others still count, so one typo in
  // people.yaml does not turn every mention of everyone else into an error.
  return { people: peopleByName(validPeople(raw, (index) => lineOf([index])), problems), problems };
}

/**
 * The entries of an unchecked people list, each with its line. An entry with a mistake (a
 * `natve:` typo) is reported by the schema and kept by its name alone, so the episodes that
 * name the person are not also told nobody has that name.
 */
export function validPeople(list: unknown, lineOf: (index: number) => number): LocatedPerson[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, index) => {
    const checked = personEntry.safeParse(value);
    if (checked.success) return [{ entry: checked.data, line: lineOf(index) }];
    const name = (value as { name?: unknown } | null)?.name;
    return typeof name === "string" && name.trim() !== "" ? [{ entry: { name: name.trim() }, line: lineOf(index) }] : [];
  });
}

/**
 * People by name, added to `into` (an episode's own people go on top of the directory).
 * A name listed twice, two names that would share a page, and a native name without its
 * language are errors.
 */
export function peopleByName(
  entries: readonly LocatedPerson[],
  problems: ProblemList,
  into = new Map<string, Person>(),
): Map<string, Person> {
  const known = new Map([...into.values()].map((person) => [person.slug, person.name]));
  const listed = new Map<string, number>();
  // The site's languages, for the examples of a message: worked out once, and only for one.
  let inUse: string[] | undefined;
  for (const { entry, line } of entries) {
    const slug = personSlug(entry.name);
    const clash = known.get(slug);
    const firstLine = listed.get(entry.name);
    if (firstLine !== undefined) {
      problems.error(line, `"${entry.name}" is listed twice (first on line ${firstLine})`, "keep one entry per person");
      continue;
    }
    if (clash === entry.name) {
      problems.error(line, `"${entry.name}" is already in ${PEOPLE_FILE}`, `remove the entry here, or change the one in ${PEOPLE_FILE}: a person has one page`);
      continue;
    }
    if (clash !== undefined) {
      problems.error(line, `"${entry.name}" and "${clash}" would share the page /people/${slug}/`, "tell them apart by name");
      continue;
    }
    if (entry.native && !entry.lang) {
      inUse ??= languagesInUse([...into.values(), ...entries.map((located) => located.entry)]);
      const likely = languageOfScript(entry.native) ?? exampleLanguages(inUse)[0]!;
      problems.error(line, `"${entry.name}" has a native name but no lang`, `add lang: ${exampleList(likely, inUse)} so the right glyphs are chosen`);
    }
    const mismatch = entry.native && entry.lang ? scriptMismatch(entry.native, entry.lang) : undefined;
    if (mismatch) problems[mismatch.severity](line, `the lang "${entry.lang}" of "${entry.name}" (${entry.native}) ${mismatch.problem}`, mismatch.hint);
    listed.set(entry.name, line);
    known.set(slug, entry.name);
    into.set(entry.name, { ...entry, slug });
  }
  return into;
}
