import { createHmac } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderIssue } from "../../src/send/render-issue.ts";
import { sendIssue, type SendRequest } from "../../src/send/send-issue.ts";
import { recordUnsubscribed } from "../../src/send/unsubscribed.ts";
import { copyFixture } from "../support/castpress-cli.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { spamAssassinAvailable, spamScore } from "../support/spamassassin.ts";

/**
 * `castpress send`'s whole path in process (test/fixtures/send, service: castpress) against a
 * real SMTP server that counts what it accepts per recipient and injects faults: dropped
 * connections, 421 and 451 answers, a 550 for one address, a run stopped half-way.
 */
const SECRET = "a-secret-the-author-keeps-elsewhere";
const UNSUBSCRIBE = (address: string) =>
  `https://send.example.org/unsubscribe?email=${encodeURIComponent(address)}&token=${createHmac("sha256", SECRET).update(address).digest("base64url")}`;

let project: string;
let sink: SmtpSink;
let output: string;

beforeEach(async () => {
  project = await copyFixture("send");
  sink = await startSmtpSink({ parse: true });
  output = "";
});

afterEach(async () => {
  await sink.close();
});

const subscribers = (count: number) => Array.from({ length: count }, (_, index) => ({ address: `reader${index}@mail.example.net`, name: `Reader ${index}` }));

async function writeList(rows: { address: string; name?: string; unsubscribed?: string }[], extra = ""): Promise<string> {
  const file = path.join(project, "subscribers.csv");
  await writeFile(file, `email,name,unsubscribed,joined\n${rows.map((row) => `${row.address},"${row.name ?? ""}",${row.unsubscribed ?? ""},2025-01-01`).join("\n")}\n${extra}`);
  return file;
}

async function send(slug: string, overrides: Partial<SendRequest> = {}): Promise<number> {
  return sendIssue({
    prepared: await renderIssue(project, slug, "send"),
    list: path.join(project, "subscribers.csv"),
    rate: 1000,
    dryRun: false,
    smtpUrl: sink.url,
    secret: SECRET,
    connections: 3,
    retry: { attempts: 5, firstDelayMs: 20 },
    out: { write: (text: string) => (output += text), isTTY: false },
    ...overrides,
  });
}

describe("castpress send through a relay that drops connections and answers 421, 451 and 550", () => {
  const readers = subscribers(40);
  const refused = readers[7]!.address;
  let code: number;

  beforeEach(async () => {
    await writeList(readers);
    sink.faults.drops = 3;
    sink.faults.temporary = [421, 451, 421, 451, 451];
    sink.faults.refused.add(refused);
    code = await send("first-issue");
  });

  it("delivers to every subscriber exactly once, but for the one refused for good, whom it names with exit 1", () => {
    for (const { address } of readers) expect(sink.count(address), address).toBe(address === refused ? 0 : 1);
    expect(code).toBe(1);
    expect(sink.faults.temporary).toEqual([]);
    expect(output).toContain(`not sent to ${refused}: 550`);
    expect(output).toContain("Sent 39 messages.");
  });

  it("addresses, dates and identifies each message for its subscriber, with their own unsubscribe link", async () => {
    const ids = new Set<string>();
    for (const { to, mail } of sink.arrivals) {
      const reader = readers.find((candidate) => candidate.address === to)!;
      expect(mail!.to).toMatchObject({ value: [{ address: reader.address, name: reader.name }] });
      expect(Math.abs(mail!.date!.getTime() - Date.now())).toBeLessThan(60_000);
      expect(mail!.messageId).toMatch(/^<[^<>@\s]+@send\.example\.org>$/);
      ids.add(mail!.messageId!);
      expect(header(mail!, "list-unsubscribe")).toBe(`<${UNSUBSCRIBE(reader.address)}>, <mailto:leave@send.example.org>`);
      expect(header(mail!, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(mail!.html).toContain(`href="${UNSUBSCRIBE(reader.address).replaceAll("&", "&amp;")}"`);
      expect(mail!.text).toContain(`Unsubscribe: ${UNSUBSCRIBE(reader.address)}\n`);
      expect(mail!.subject).toBe("The First Issue, on Talks in Beijing");
    }
    expect(ids.size).toBe(39);
  });

  it.runIf(spamAssassinAvailable("test/send/send-issue.test.ts"))("delivers messages SpamAssassin's local rules score under 2.0", () => {
    const { score, status } = spamScore(sink.arrivals[0]!.raw);
    console.log(`SpamAssassin, a message as castpress send delivered it: ${status}`);
    expect(score).toBeLessThan(2.0);
  }, 120_000);

  it("keeps a message's Message-ID when it tries again after a dropped connection", async () => {
    expect(sink.dropped).toHaveLength(3);
    for (const attempt of sink.dropped) {
      const first = await simpleParser(attempt.raw);
      const delivered = sink.arrivals.find((arrival) => arrival.to === attempt.to)!;
      expect(delivered.mail!.messageId).toBe(first.messageId);
    }
  });

  it("sends nothing when run again, and says so", async () => {
    output = "";
    const again = await send("first-issue");
    expect(sink.arrivals).toHaveLength(39);
    expect(output).toContain("0 to send, 39 already sent");
    expect(output).toContain(`refused earlier: ${refused}`);
    expect(output).toContain("Nothing left to send");
    expect(again).toBe(1);
  });
});

describe("castpress send, stopped half-way (Ctrl-C) and run again", () => {
  it("sends the rest, and nobody twice", async () => {
    const readers = subscribers(60);
    await writeList(readers);
    const controller = new AbortController();
    sink.onArrival = () => {
      if (sink.arrivals.length === 20) controller.abort();
    };
    expect(await send("first-issue", { rate: 50, signal: controller.signal })).toBe(130);
    const firstRun = sink.arrivals.length;
    expect(firstRun).toBeGreaterThanOrEqual(20);
    expect(firstRun).toBeLessThan(60);
    expect(output).toMatch(/Stopped: \d+ not sent yet/);
    sink.onArrival = undefined;
    expect(await send("first-issue")).toBe(0);
    for (const { address } of readers) expect(sink.count(address), address).toBe(1);
  });
});

describe("who castpress send leaves out", () => {
  it("never sends to an address marked unsubscribed in the list or by castpress unsubscribe", async () => {
    const readers = subscribers(6);
    await writeList([...readers.slice(0, 5), { ...readers[5]!, unsubscribed: "2025-03-01" }]);
    await recordUnsubscribed(path.join(project, ".castpress/unsubscribed.txt"), "READER2@mail.example.net");
    expect(await send("first-issue")).toBe(0);
    expect(readers.map(({ address }) => sink.count(address))).toEqual([1, 1, 0, 1, 1, 0]);
    expect(output).toContain("4 to send, 2 unsubscribed");
  });

  it("sends nothing while the list has an invalid or repeated address, naming each line", async () => {
    await writeList(subscribers(3), "not-an-address,Someone,,\nreader1@mail.example.net,Again,,\n");
    await expect(send("first-issue")).rejects.toThrow(/fix the 2 problems in .*subscribers\.csv/);
    expect(sink.arrivals).toHaveLength(0);
  });

  it("sends nothing on a dry run, and says what it would send", async () => {
    await writeList(subscribers(12));
    expect(await send("first-issue", { dryRun: true, smtpUrl: undefined })).toBe(0);
    expect(sink.arrivals).toHaveLength(0);
    expect(output).toContain("Dry run: would send 12 messages");
    expect(output).toContain("Nothing was sent.");
  });

  it("sends nothing when the author does not confirm", async () => {
    await writeList(subscribers(3));
    let asked = "";
    const code = await send("first-issue", { confirm: async (question) => ((asked = question), false) });
    expect(asked).toContain('Send "The First Issue, on Talks in Beijing" to 3 subscribers');
    expect(code).toBe(1);
    expect(sink.arrivals).toHaveLength(0);
  });
});

function header(mail: ParsedMail, name: string): string | undefined {
  return mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, "").replace(/\r?\n\s+/g, " ");
}
