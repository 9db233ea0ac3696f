import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSubscriberList } from "../../src/send/subscriber-list.ts";

/**
 * The subscriber list as castpress send reads it (issue 13): CSV with a header row naming an
 * `email` column, optionally `name` and `unsubscribed`, other columns ignored; an invalid or
 * repeated address is a problem at its line, and nothing is sent while there is one.
 */
async function read(csv: string) {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "castpress-list-")), "subscribers.csv");
  await writeFile(file, csv);
  return readSubscriberList(file, "subscribers.csv");
}

describe("a subscriber list", () => {
  it("gives each subscriber's address, name and line, whatever the columns' order, case and extra columns", async () => {
    const list = await read('\uFEFFJoined,Name,EMAIL\n2025-01-01,"Reader, One",one@mail.example.net\n\n2025-02-01,,two@mail.example.net\n2025-03-01,"Reader\nThree",three@mail.example.net\n');
    expect(list.problems).toEqual([]);
    expect(list.subscribers).toEqual([
      { address: "one@mail.example.net", name: "Reader, One", line: 2 },
      { address: "two@mail.example.net", line: 4 },
      { address: "three@mail.example.net", name: "Reader\nThree", line: 6 },
    ]);
  });

  it("leaves out rows marked unsubscribed, and counts them", async () => {
    const list = await read("email,unsubscribed\na@mail.example.net,2025-03-01\nb@mail.example.net,no\nc@mail.example.net,false\nd@mail.example.net,0\ne@mail.example.net,\nf@mail.example.net,yes\n");
    expect(list.subscribers.map((subscriber) => subscriber.address)).toEqual(["b@mail.example.net", "c@mail.example.net", "d@mail.example.net", "e@mail.example.net"]);
    expect(list.markedUnsubscribed).toBe(2);
  });

  it("names the line of an invalid address and of a repeated one, in any case", async () => {
    const list = await read("email,name\nok@mail.example.net,A\nnot-an-address,B\n,C\nOK@Mail.Example.net,D\n");
    expect(list.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`)).toEqual([
      'subscribers.csv:3: "not-an-address" is not an email address',
      "subscribers.csv:4: the row has no email address",
      "subscribers.csv:5: OK@Mail.Example.net is on the list twice (also line 2)",
    ]);
  });

  it("says so when the header row has no email column, even with no rows under it", async () => {
    for (const csv of ["address,name\na@mail.example.net,A\n", "address,name\n"]) {
      expect((await read(csv)).problems).toMatchObject([{ line: 1, message: "the header row has no email column" }]);
    }
  });

  it("names the line where its quoting breaks", async () => {
    const list = await read('email,name\na@mail.example.net,A\nb@mail.example.net,"B\n');
    expect(list.problems).toMatchObject([{ file: "subscribers.csv", message: expect.stringContaining("not valid CSV") }]);
    expect(list.subscribers).toEqual([]);
  });
});
