import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Person } from "../episode/episode.ts";
import { personEntry, type PersonEntry } from "../episode/front-matter.ts";
import { personSlug } from "../paths.ts";
import { ProblemList } from "../problems/problem.ts";
import { parseCheckedYaml } from "../yaml/checked-yaml.ts";

export const PEOPLE_FILE = "people.yaml";

/** The site-wide people directory: everyone `[[Name]]` may name in any episode. */
export async function loadPeopleDirectory(root: string): Promise<{ people: Map<string, Person>; problems: ProblemList }> {
  const problems = new ProblemList(PEOPLE_FILE);
  let source: string;
  try {
    source = await readFile(path.join(root, PEOPLE_FILE), "utf8");
  } catch {
    return { people: new Map(), problems };
  }
  const { data, lineOf } = parseCheckedYaml(source, z.array(personEntry).nullable().describe("a list of people: - name: ..."), problems);
  return { people: peopleByName(data ?? [], problems, (index) => lineOf([index])), problems };
}

/** People by name; a second entry with the same name or the same page is an error. */
export function peopleByName(
  entries: readonly PersonEntry[],
  problems: ProblemList,
  lineOf: (index: number) => number,
  into = new Map<string, Person>(),
): Map<string, Person> {
  const slugs = new Map([...into.values()].map((person) => [person.slug, person.name]));
  entries.forEach((entry, index) => {
    const slug = personSlug(entry.name);
    const clash = slugs.get(slug);
    if (clash !== undefined && clash !== entry.name) {
      problems.error(lineOf(index), `"${entry.name}" and "${clash}" would share the page /people/${slug}/`, "tell them apart by name");
    }
    if (entry.native && !entry.lang) {
      problems.error(lineOf(index), `"${entry.name}" has a native name but no lang`, "add lang: ja (or zh, ko, ...) so the right glyphs are chosen");
    }
    slugs.set(slug, entry.name);
    into.set(entry.name, { ...entry, slug });
  });
  return into;
}
