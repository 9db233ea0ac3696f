import { simpleParser, type ParsedMail } from "mailparser";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { composeMessage, messageOptions, type IssueMessage } from "../../src/email/message.ts";
import type { MailServiceLinks } from "../../src/email/mail-service-links.ts";
import { PersonalMessages } from "../../src/send/personal-messages.ts";
import { renderIssue, type IssueToSend } from "../../src/send/render-issue.ts";
import { copyFixture } from "../support/castpress-cli.ts";

/**
 * castpress send composes each subscriber's message from the issue's parts encoded once, with
 * only that subscriber's links encoded between them (src/send/personal-messages.ts). Each must
 * read back through a MIME parser (mailparser) exactly as the issue with those links, with the
 * headers nodemailer writes when it composes a message whole, and be as clean on the wire: CRLF
 * only and lines under 998 octets (RFC 5322, 2.1.1 and 2.3), quoted-printable lines of at most
 * 76 characters, "=" only before two hex digits or a line break, no whitespace ending a line
 * (RFC 2045, 6.7). Fixture test/fixtures/send-messages: an issue mostly in Chinese, with "=",
 * "%", trailing spaces and a long unbroken word, and manage links as well as unsubscribe ones.
 */
const SLUG = "long-lines";
let prepared: IssueToSend;
let messages: PersonalMessages;

beforeAll(async () => {
  prepared = await renderIssue(await copyFixture("send-messages"), SLUG, "send");
  messages = PersonalMessages.of(prepared.issue);
});

interface Subscriber {
  to: { name: string; address: string };
  links: MailServiceLinks;
}

function issueMessage({ to, links }: Subscriber): IssueMessage {
  const { episode, email, issue, project } = prepared;
  return {
    episode,
    email,
    baseUrl: project.site.baseUrl,
    subject: issue.subject,
    html: issue.html,
    text: issue.text,
    to,
    date: new Date("2026-11-30T19:00:00Z"),
    messageId: `<${episode.guid}.${to.address.replace(/\W/g, "")}@messages.example.org>`,
    unsubscribeUrl: links.unsubscribe,
  };
}

const composed = (subscriber: Subscriber): Buffer => messages.compose(messageOptions(issueMessage(subscriber)), subscriber.links);

/** The same message as nodemailer composes it whole, from the issue rendered with these links. */
async function composedWhole(subscriber: Subscriber): Promise<ParsedMail> {
  const filled = prepared.issue.withLinks(subscriber.links);
  return simpleParser(await composeMessage({ ...issueMessage(subscriber), ...filled }));
}

/** Every way the message could break on the wire or in a parser, as messages naming the line. */
function wireProblems(raw: Buffer): string[] {
  const problems: string[] = [];
  const text = raw.toString("latin1");
  if (/(?<!\r)\n|\r(?!\n)/.test(text)) problems.push("a line break that is not CRLF");
  const head = text.slice(0, text.indexOf("\r\n\r\n"));
  if (/[^\x00-\x7f]/.test(head)) problems.push(`an octet beyond ASCII in the header: ${/^.*[^\x00-\x7f].*$/m.exec(head)?.[0]}`);
  const lines = text.split("\r\n");
  const boundary = /boundary="?([^";\r\n]+)"?/.exec(text)?.[1];
  if (!boundary) return [...problems, "no multipart boundary"];
  let quotedPrintable = false;
  let inBody = false;
  lines.forEach((line, index) => {
    if (Buffer.byteLength(line, "latin1") >= 998) problems.push(`line ${index + 1} is ${line.length} octets`);
    if (line.startsWith(`--${boundary}`)) {
      inBody = false;
      quotedPrintable = false;
      return;
    }
    if (!inBody) {
      if (/^Content-Transfer-Encoding: quoted-printable$/i.test(line)) quotedPrintable = true;
      if (line === "") inBody = true;
      return;
    }
    if (!quotedPrintable) return;
    if (line.length > 76) problems.push(`quoted-printable line ${index + 1} is ${line.length} characters: ${line}`);
    if (!/^(?:[\t\x20-\x3c\x3e-\x7e]|=[0-9A-F]{2})*=?$/.test(line)) problems.push(`quoted-printable line ${index + 1} has a bare "=" or an octet it must encode: ${line}`);
    if (/[ \t]$/.test(line)) problems.push(`quoted-printable line ${index + 1} ends in whitespace`);
  });
  return problems;
}

/** A header's value as RFC 5322 unfolds it (3.2.2: a line break before white space is removed). */
const header = (mail: ParsedMail, key: string) =>
  mail.headerLines.find((line) => line.key === key)?.line.replace(/^[^:]+:\s*/, "").replace(/\r\n(?=[ \t])/g, "");

async function expectReadsBackAsTheIssue(subscriber: Subscriber): Promise<void> {
  const raw = composed(subscriber);
  expect(wireProblems(raw)).toEqual([]);
  const mail = await simpleParser(raw);
  const filled = prepared.issue.withLinks(subscriber.links);
  expect(mail.html).toBe(filled.html);
  expect(mail.text).toBe(filled.text);
  expect(mail.to).toMatchObject({ value: [subscriber.to] });
  const whole = await composedWhole(subscriber);
  for (const key of ["from", "to", "subject", "date", "message-id", "list-id", "list-unsubscribe", "list-unsubscribe-post", "mime-version"]) {
    expect(header(mail, key), key).toBe(header(whole, key));
  }
  expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
  expect(mail.attachments).toEqual([]);
}

const link = (path: string) => `https://messages.example.org/${path}`;

describe("a subscriber's message, composed from the issue's parts encoded once", () => {
  const cases: [string, Subscriber][] = [
    ["plain links", { to: { name: "Reader One", address: "reader1@mail.example.net" }, links: { unsubscribe: link("u?email=reader1%40mail.example.net&token=abc_DEF-123"), manage: link("m?token=abc") } }],
    [
      'links full of "=", "&" and "%" (which quoted-printable and HTML escape)',
      { to: { name: 'Reader "Two", Esq.', address: "reader2@mail.example.net" }, links: { unsubscribe: link("u?a==&b=%3D%3D&c=&&d=="), manage: link("m?=3D=20=") } },
    ],
    [
      "links and a name in other scripts",
      { to: { name: "读者 Ünïcödé 🙂", address: "reader3@mail.example.net" }, links: { unsubscribe: link("désinscription?qui=读者&token=é🙂"), manage: link("préférences/读者") } },
    ],
    [
      "a link longer than a line, and one longer than 998 octets",
      { to: { name: "", address: "reader4@mail.example.net" }, links: { unsubscribe: link(`u?token=${"x".repeat(300)}`), manage: link(`m?token=${"=é".repeat(700)}`) } },
    ],
  ];

  it.each(cases)("reads back as the issue with its own links, with nodemailer's headers: %s", async (_, subscriber) => {
    await expectReadsBackAsTheIssue(subscriber);
  });

  it("keeps every line within 76 characters where a link's encoding ends at a line's end", async () => {
    // "https://messages.example.org/u?token=" encodes to 39 characters ("=" as "=3D"): with 37 more,
    // the link's line is full, and the soft line break after it must not make it longer.
    for (let length = 33; length <= 41; length++) {
      const token = "x".repeat(length);
      const subscriber = { to: { name: "Reader", address: "reader@mail.example.net" }, links: { unsubscribe: link(`u?token=${token}`), manage: link(`m?token=${token}`) } };
      expect(wireProblems(composed(subscriber)), `token of ${length}`).toEqual([]);
      expect((await simpleParser(composed(subscriber))).text).toBe(prepared.issue.withLinks(subscriber.links).text);
    }
  });

  it("carries each subscriber's own links and no one else's", async () => {
    const [first, second] = [cases[0]![1], cases[2]![1]];
    const mail = await simpleParser(composed(second));
    expect(mail.html).toContain(`href="${second.links.unsubscribe.replaceAll("&", "&amp;")}"`);
    expect(mail.text).toContain(second.links.unsubscribe);
    expect(mail.html).not.toContain(first.links.unsubscribe.replaceAll("&", "&amp;"));
    // A URI (RFC 2369) in ASCII, as every header (RFC 5322, 2.2): the link's other characters percent-encoded.
    expect(header(mail, "list-unsubscribe")).toBe(
      "<https://messages.example.org/d%C3%A9sinscription?qui=%E8%AF%BB%E8%80%85&token=%C3%A9%F0%9F%99%82>, <mailto:leave@messages.example.org>",
    );
  });
});

// A fresh seed each run, printed: a failure can be replayed with CASTPRESS_PROPERTY_SEED.
const SEED = Number(process.env.CASTPRESS_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));

describe(`any links and names (fast-check, seed ${SEED})`, () => {
  it("read back exactly, on a clean wire", async () => {
    console.log(`personal-messages: seed ${SEED} (replay: CASTPRESS_PROPERTY_SEED=${SEED})`);
    // What an author's URL template and a subscriber's address can put in a link: any character
    // but a line break, from "=" and "%" to scripts and emoji, short or far longer than a line.
    const linkText = fc.string({ unit: fc.oneof(fc.constantFrom("=", "%", "&", " ", "3D", "é", "读", "🙂", "\t"), fc.string({ unit: "grapheme", maxLength: 3 })), maxLength: 120 }).map((text) => text.replace(/[\r\n]/g, ""));
    const subscriber = fc.record({
      to: fc.record({ name: fc.string({ unit: "grapheme", maxLength: 40 }).map((name) => name.replace(/[\r\n]/g, " ").trim()), address: fc.constant("reader@mail.example.net") }),
      links: fc.record({ unsubscribe: linkText.map((text) => link(`u?${text}`)), manage: linkText.map((text) => link(`m/${text}`)) }),
    }) as fc.Arbitrary<Subscriber>;
    await fc.assert(
      fc.asyncProperty(subscriber, async (drawn) => {
        const raw = composed(drawn);
        expect(wireProblems(raw)).toEqual([]);
        const mail = await simpleParser(raw);
        const filled = prepared.issue.withLinks(drawn.links);
        expect(mail.html).toBe(filled.html);
        expect(mail.text).toBe(filled.text);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
