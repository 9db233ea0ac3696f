import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { beforeAll, describe, expect, it } from "vitest";
import { templateEnvironments } from "../../src/rendering/template-environments.ts";
import { addEmailFilters } from "../../src/email/email-filters.ts";
import { composeMessage, type IssueMessage } from "../../src/email/message.ts";
import { EmailRenderer } from "../../src/email/render-email.ts";
import { isLoaded, loadProject, type Project } from "../../src/project/load-project.ts";
import { FIXTURES } from "../support/castpress-cli.ts";
import { spamAssassinAvailable, spamScore } from "../support/spamassassin.ts";

/**
 * Every message castpress writes is RFC 5322 clean (https://www.rfc-editor.org/rfc/rfc5322):
 * lines end in CRLF and nowhere else (2.3), no line passes 998 octets (2.1.1), Date, Message-ID,
 * From and To are valid (3.6), and the MIME structure reads back whole through mailparser.
 * Made from the sample-like fixture test/fixtures/email-escaping (mailchimp) and the send fixture
 * (castpress), with the HTML's preheader and images checked as spam filters and HTML read them.
 */
let escaping: Project;
let sending: Project;
let renderer: EmailRenderer;

beforeAll(async () => {
  const load = async (name: string) => {
    const loaded = await loadProject(path.join(FIXTURES, name));
    if (!isLoaded(loaded)) throw new Error(`${name} did not load`);
    return loaded;
  };
  [escaping, sending] = await Promise.all([load("email-escaping"), load("send")]);
  const templates = templateEnvironments(escaping.root);
  addEmailFilters(templates);
  renderer = new EmailRenderer(templates, await mkdtemp(path.join(os.tmpdir(), "castpress-mjml-")));
});

async function message(project: Project, extra: Partial<IssueMessage> = {}): Promise<Buffer> {
  const episode = project.episodes[0]!;
  const issue = await renderer.render(episode, { site: project.site });
  const email = project.site.email!;
  return composeMessage({ episode, email, baseUrl: project.site.baseUrl, subject: issue.subject, html: issue.html, text: issue.text, to: "Reader <reader@example.net>", date: new Date(), ...extra });
}

describe.each([
  ["a mail service's issue (mailchimp)", () => escaping],
  ["castpress's own issue", () => sending],
])("%s, as a MIME message", (_, project) => {
  let raw: Buffer;

  beforeAll(async () => {
    raw = await message(project());
  });

  it("ends every line with CRLF, and no line passes 998 octets", () => {
    const text = raw.toString("latin1");
    expect(text.match(/(?<!\r)\n/g) ?? []).toEqual([]);
    expect(text.match(/\r(?!\n)/g) ?? []).toEqual([]);
    const longest = Math.max(...text.split("\r\n").map((line) => Buffer.byteLength(line, "latin1")));
    expect(longest).toBeLessThan(998);
  });

  it("has a valid Date, Message-ID, From and To, and reads back whole through mailparser", async () => {
    const mail = await simpleParser(raw);
    const head = raw.toString("utf8", 0, raw.indexOf("\r\n\r\n"));
    expect(head).toMatch(/^Date: (Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}\r$/m);
    expect(Math.abs(mail.date!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(mail.messageId).toMatch(/^<[!#-'*+\-/-9=?A-Z^-~.]+@[a-z0-9.-]+>$/);
    expect(mail.from!.value).toHaveLength(1);
    expect(mail.to).toMatchObject({ value: [{ address: "reader@example.net", name: "Reader" }] });
    expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    const issue = await renderer.render(project().episodes[0]!, { site: project().site });
    expect(mail.html).toBe(issue.html);
    expect(mail.text).toBe(issue.text);
    expect(mail.subject).toBe(issue.subject);
  });

  it("has a List-Unsubscribe of URIs only", async () => {
    const mail = await simpleParser(raw);
    const value = mail.headerLines.find((line) => line.key === "list-unsubscribe")?.line.replace(/^[^:]+:\s*/, "") ?? "";
    for (const link of value.split(/,\s*/)) {
      const uri = /^<([^<>]+)>$/.exec(link.trim())?.[1];
      expect(uri && URL.canParse(uri), link).toBe(true);
      expect(uri).not.toMatch(/[{}|*]|%recipient/);
    }
  });
});

describe("a List-Unsubscribe of a long link and a long address", () => {
  it("keeps every line under 998 octets and both links whole", async () => {
    // Each link alone fits a line; together (about 1,050 octets) they do not.
    const unsubscribeUrl = `https://send.example.org/unsubscribe?token=${"t".repeat(640)}`;
    const unsubscribeMailto = `${"u".repeat(64)}@${"lists.".repeat(40)}example.org`;
    const raw = await message(sending, { unsubscribeUrl, email: { ...sending.site.email!, unsubscribeMailto } });
    const longest = Math.max(...raw.toString("latin1").split("\r\n").map((line) => line.length));
    expect(longest).toBeLessThan(998);
    const mail = await simpleParser(raw);
    const value = mail.headerLines.find((line) => line.key === "list-unsubscribe")!.line.replace(/^[^:]+:\s*/, "").replace(/\r\n(?=[ \t])/g, "");
    expect(value.split(/,\s*/)).toEqual([`<${unsubscribeUrl}>`, `<mailto:${unsubscribeMailto}>`]);
  });
});

describe("the email's HTML as a spam filter and an HTML parser read it", () => {
  it("hides the preheader without text coloured like the page", async () => {
    const { html } = await renderer.render(escaping.episodes[0]!, { site: escaping.site });
    const hidden = [...html.matchAll(/<div[^>]*style="([^"]*display:\s*none[^"]*)"[^>]*>/g)].map((match) => match[1]!);
    expect(hidden.length).toBeGreaterThan(0);
    for (const style of hidden) expect(style).not.toMatch(/(^|;)\s*color\s*:/);
  });

  it("gives every image a width and height that HTML allows (a number of pixels) or none", async () => {
    const { html } = await renderer.render(escaping.episodes[0]!, { site: { ...escaping.site } });
    const images = [...html.matchAll(/<img\b[^>]*>/g)].map((match) => match[0]);
    for (const image of images) {
      for (const size of image.matchAll(/\s(width|height)="([^"]*)"/g)) expect(size[2], image).toMatch(/^\d+$/);
    }
  });
});

describe.runIf(spamAssassinAvailable("test/email/message.test.ts"))("a message castpress sends, scored by SpamAssassin's local rules", () => {
  it("scores under 2.0", async () => {
    const raw = await message(sending, { messageId: "<9b2f4c1e.reader@send.example.org>", unsubscribeUrl: "https://send.example.org/unsubscribe?email=reader%40example.net&token=abc" });
    const { score, status } = spamScore(raw);
    console.log(`SpamAssassin: ${status}`);
    expect(score).toBeLessThan(2.0);
  }, 120_000);
});
