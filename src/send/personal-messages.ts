import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import type Mail from "nodemailer/lib/mailer";
import * as qp from "nodemailer/lib/qp";
import type { MailServiceLinks } from "../email/mail-service-links.ts";
import type { EmailIssue } from "../email/render-email.ts";
import { escapeHtml } from "../text/html-escape.ts";

/**
 * One issue's message for each subscriber, made fast enough for tens of thousands. The text twin
 * and the HTML are encoded once per send, as quoted-printable pieces cut where the links go; a
 * subscriber's message encodes only their own links between those pieces, under the headers
 * nodemailer makes for them (To, Date, Message-ID, List-Unsubscribe...). Composed and streamed
 * by nodemailer, every message cost 150 KB of garbage and hundreds of small socket writes:
 * most of what a send took.
 *
 * Quoted-printable (RFC 2045, 6.7) lets pieces encoded apart be joined: each piece ends on a
 * soft line break ("=" CRLF, which decodes to nothing), so the next one starts a line of its
 * own, and the part reads back exactly as the issue with that subscriber's links filled in.
 */
export class PersonalMessages {
  private constructor(
    private readonly text: PartTemplate,
    private readonly html: PartTemplate,
  ) {}

  static of(issue: EmailIssue): PersonalMessages {
    // Letters and digits, which HTML escaping leaves as they are, and a nonce no issue contains.
    const nonce = randomBytes(12).toString("hex");
    const marked = issue.withLinks({ unsubscribe: `castpressLinkunsubscribe${nonce}`, manage: `castpressLinkmanage${nonce}` });
    const slots = new RegExp(`castpressLink(unsubscribe|manage)${nonce}`);
    return new PersonalMessages(
      partTemplate("text/plain", marked.text.split(slots), (link) => link),
      // The shell carries the links in href attributes, escaped as render-email does.
      partTemplate("text/html", marked.html.split(slots), escapeHtml),
    );
  }

  /**
   * The whole message: the headers nodemailer writes for `message` (a subscriber's
   * `messageOptions`, whose own text and HTML only shape the headers), then
   * multipart/alternative's text twin and HTML (RFC 2046, 5.1) with `links` in them, framed as
   * nodemailer frames them.
   */
  compose(message: Mail.Options, links: MailServiceLinks): Buffer {
    const root = new MailComposer(message).compile();
    const headers = root.buildHeaders();
    const delimiter = `--${String(root.boundary)}`;
    return Buffer.concat([
      Buffer.from(`${headers}\r\n\r\n${delimiter}\r\n`),
      ...fill(this.text, links),
      Buffer.from(`\r\n${delimiter}\r\n`),
      ...fill(this.html, links),
      Buffer.from(`\r\n${delimiter}--\r\n`),
    ]);
  }
}

type LinkSlot = keyof MailServiceLinks;

interface PartTemplate {
  /** The part's headers and its literal text, encoded, as bytes; between them, the names of the link slots. */
  pieces: (Buffer | LinkSlot)[];
  /** A link as the part carries it (escaped for an HTML attribute, or as it is in text). */
  asWritten(link: string): string;
}

function partTemplate(type: string, split: string[], asWritten: (link: string) => string): PartTemplate {
  const last = split.length - 1;
  const pieces = split.map((piece, index) => (index % 2 === 1 ? (piece as LinkSlot) : encoded(piece, index < last)));
  const head = Buffer.from(`Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`);
  return { pieces: [head, ...pieces], asWritten };
}

const fill = (part: PartTemplate, links: MailServiceLinks): Buffer[] =>
  part.pieces.map((piece) => (typeof piece === "string" ? encoded(part.asWritten(links[piece]), true) : piece));

/**
 * Text as quoted-printable lines of at most 76 characters (a soft line break's "=" included), its
 * line breaks CRLF (RFC 5322); when more follows, ending on a soft line break unless it ends on a
 * line break, so that what follows starts a line of its own.
 */
function encoded(text: string, moreFollows: boolean): Buffer {
  if (text === "") return Buffer.alloc(0);
  const lines = qp.wrap(qp.encode(text.replace(/\r\n|\r|\n/g, "\r\n")), 75);
  return Buffer.from(moreFollows && !lines.endsWith("\r\n") ? `${lines}=\r\n` : lines, "latin1");
}
