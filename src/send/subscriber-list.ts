import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { Problem } from "../problems/problem.ts";

export interface Subscriber {
  address: string;
  name?: string;
  /** Its line in the list, for messages. */
  line: number;
}

export interface SubscriberList {
  /** Everyone on the list not marked unsubscribed, in the list's order. */
  subscribers: Subscriber[];
  /** How many rows the list marks unsubscribed. */
  markedUnsubscribed: number;
  /** Invalid and repeated addresses, at their lines: nothing is sent while there are any. */
  problems: Problem[];
}

/**
 * A subscriber list: CSV with a header row naming an `email` column, and optionally `name` and
 * `unsubscribed` (any value but empty, `no`, `false` or `0` marks the row); other columns are
 * ignored. `file` is how messages name the list.
 */
export async function readSubscriberList(path: string, file: string): Promise<SubscriberList> {
  const problem = (line: number, message: string, hint: string): Problem => ({ severity: "error", file, line, message, hint });
  let header: string[] | undefined;
  let rows: Row[];
  try {
    rows = parse(await readFile(path, "utf8"), {
      bom: true,
      columns: (names: string[]) => (header = names.map((column) => column.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      // Each row kept as only what a send needs: with each record's parse information (info: true),
      // a list of 10,000 held 27 MB until it was read, which stayed in the process's memory.
      on_record: (record: Record<string, string>, { lines }): Row => ({ address: record.email ?? "", name: record.name ?? "", unsubscribed: record.unsubscribed ?? "", line: lines }),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { subscribers: [], markedUnsubscribed: 0, problems: [problem(1, "the subscriber list does not exist", "give a CSV file with an email column: --list subscribers.csv")] };
    const line = (error as { lines?: number }).lines ?? 1;
    return { subscribers: [], markedUnsubscribed: 0, problems: [problem(line, `the list is not valid CSV: ${(error as Error).message}`, "fix the quoting on that line")] };
  }
  if (header && !header.includes("email")) {
    return { subscribers: [], markedUnsubscribed: 0, problems: [problem(1, "the header row has no email column", "name the addresses' column email (and the names' column name)")] };
  }
  const subscribers: Subscriber[] = [];
  const problems: Problem[] = [];
  const firstLine = new Map<string, number>();
  let markedUnsubscribed = 0;
  for (const { address, name, unsubscribed, line } of rows) {
    if (!EMAIL.safeParse(address).success) {
      problems.push(problem(line, address ? `"${address}" is not an email address` : "the row has no email address", "correct it or delete the row"));
      continue;
    }
    const key = addressKey(address);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      problems.push(problem(line, `${address} is on the list twice (also line ${earlier})`, "delete one of the rows"));
      continue;
    }
    firstLine.set(key, line);
    if (isMarked(unsubscribed)) {
      markedUnsubscribed++;
      continue;
    }
    subscribers.push({ address, ...(name && { name }), line });
  }
  return { subscribers, markedUnsubscribed, problems };
}

/** A row of the list, as read. */
interface Row {
  address: string;
  name: string;
  unsubscribed: string;
  line: number;
}

/** Addresses compare without case: no one gets an issue twice for writing theirs in capitals. */
export const addressKey = (address: string): string => address.trim().toLowerCase();

export const isEmailAddress = (address: string): boolean => EMAIL.safeParse(address).success;

const EMAIL = z.email();

const isMarked = (value: string): boolean => value !== "" && !/^(no|false|0)$/i.test(value);
