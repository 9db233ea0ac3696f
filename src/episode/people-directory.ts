import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Person } from "./episode.ts";
import { personEntry, type PersonEntry } from "./front-matter.ts";
import { personSlug } from "../paths/output-paths.ts";
import { PEOPLE_FILE } from "../paths/project-files.ts";
import { ProblemList } from "../problems/problem.ts";
import { parseCheckedYaml } from "../yaml/checked-yaml.ts";


/** A people entry that passed its schema, with the line it starts on. */
export interface LocatedPerson {
  entry: PersonEntry;
  line: number;
}

/** The site-wide people directory: everyone `[[Name]]` may name in any episode. */
export async function loadPeopleDirectory(root: string): Promise<{ people: Map<string, Person>; problems: ProblemList }> {
  const problems = new ProblemList(PEOPLE_FILE);
  let source: string;
  try {
    source = await readFile(path.join(root, PEOPLE_FILE), "utf8");
  } catch {
    return { people: new Map(), problems };
  }
  const { raw, lineOf } = parseCheckedYaml(
    source,
    z.array(personEntry).nullable().describe("write people.yaml as a list, each entry starting with - name: ..."),
    problems,
  );
  // Entries with a mistake are reported above; the others still count, so one typo in
  // people.yaml does not turn every mention of everyone else into an error.
  return { people: peopleByName(validPeople(raw, (index) => lineOf([index])), problems), problems };
}

/** The entries of an unchecked people list that pass the schema, each with its line. */
export function validPeople(list: unknown, lineOf: (index: number) => number): LocatedPerson[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value, index) => {
    const checked = personEntry.safeParse(value);
    return checked.success ? [{ entry: checked.data, line: lineOf(index) }] : [];
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
      problems.error(line, `"${entry.name}" has a native name but no lang`, "add lang: ja (or zh, ko, ...) so the right glyphs are chosen");
    }
    listed.set(entry.name, line);
    known.set(slug, entry.name);
    into.set(entry.name, { ...entry, slug });
  }
  return into;
}
