import type { Token } from "markdown-it";
import { didYouMean } from "../problems/did-you-mean.ts";
import type { BlockMeta } from "./block-syntax.ts";
import type { MarkdownEnv } from "./markdown.ts";
import type { PersonMention } from "./person-references.ts";
import { attributeValue } from "./block-attributes.ts";

/**
 * A meeting's `with="Name"` names a person as `[[Name]]` does, in the same order of first
 * mentions (person-references.ts calls this where the meeting opens): the meeting links to the
 * person and shows the native name if it comes first. With no such person it stays text (it
 * may name a group), unless a known name is close: then it is a warning with "did you mean".
 */
export function resolveMeetingWith(open: Token, env: MarkdownEnv, seen: Set<string>): void {
  const name = attributeValue(open.info, "with")?.trim();
  if (!name) return;
  const person = env.people.get(name);
  if (!person) {
    const near = didYouMean(name, [...env.people.keys()]);
    if (near) {
      env.problems.warning(
        env.firstLine + (open.map?.[0] ?? 0),
        `this meeting is with "${name}", who is not in the people directory or this episode's people${near}`,
        "fix the name, so the meeting links to the person's page; or add the person to people.yaml",
      );
    }
    return;
  }
  const withPerson: PersonMention = { name, shown: name, person, first: !seen.has(person.name) };
  if (withPerson.first) {
    seen.add(person.name);
    env.mentioned.push(person);
  }
  open.meta = { ...(open.meta as BlockMeta), withPerson } satisfies BlockMeta;
}
