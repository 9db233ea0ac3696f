/**
 * `value` with each of its strings, in every plain object and array it holds, replaced by a
 * copy of its own. V8 keeps a string cut out of a longer one (a YAML value, a Markdown
 * token's text) as a slice that keeps the whole longer string alive, and text joined piece by
 * piece as a tree of its pieces, some of them such slices: an episode kept for the whole build
 * held the entire text of its file that way (22 MB at 1000 episodes, seen in heap snapshots).
 * Changes the objects in place; other objects (dates) are left as they are.
 */
export function withOwnStrings<T>(value: T): T {
  const seen = new Set<object>();
  const visit = (item: unknown): unknown => {
    if (typeof item === "string") return ownCopy(item);
    if (typeof item !== "object" || item === null || seen.has(item)) return item;
    seen.add(item);
    if (Array.isArray(item)) {
      for (let index = 0; index < item.length; index++) item[index] = visit(item[index]);
    } else if (isPlainObject(item)) {
      const record = item as Record<string, unknown>;
      for (const key of Object.keys(record)) record[key] = visit(record[key]);
    }
    return item;
  };
  return visit(value) as T;
}

/** V8 makes slices and trees only of strings of 13 characters or more; shorter ones are copies already. */
const SHORTEST_SLICE = 13;

/** Concatenating makes V8 flatten the string into new memory; the slice of that is of the copy. */
const ownCopy = (text: string): string => (text.length < SHORTEST_SLICE ? text : ` ${text}`.slice(1));

function isPlainObject(item: object): boolean {
  const prototype = Object.getPrototypeOf(item);
  return prototype === Object.prototype || prototype === null;
}
