import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { beforeAll, describe, expect, it } from "vitest";
import type { EmailConfig } from "../../src/config/site-config.ts";
import { templateEnvironments } from "../../src/rendering/template-environments.ts";
import { addEmailFilters } from "../../src/email/email-filters.ts";
import { mergeTagWarnings } from "../../src/email/mail-service-syntax.ts";
import { EmailRenderer, type EmailIssue } from "../../src/email/render-email.ts";
import { isLoaded, loadProject, type Project } from "../../src/project/load-project.ts";
import { FIXTURES } from "../support/castpress-cli.ts";
import { htmlText } from "../support/html-text.ts";
import { asButtondown, asListmonk, asMailchimp, asMailgun, type ServiceProcessor } from "../support/mail-services.ts";

/**
 * test/fixtures/email-services writes each mail service's template language into every field an
 * author fills (title, subtitle, body, every block attribute, people, the site's settings). For
 * each service the issue is processed as that service processes it when sending; the reader must
 * then see the author's text exactly as written, and only the unsubscribe and manage links filled.
 */
const ROOT = path.join(FIXTURES, "email-services");
const EPISODE_FILE = "episodes/2025-03-03-merge-syntax.md";
const TITLE = 'Say {{ .Subscriber.Email }}, {{ 7*7 }}, {% if x %}, {# c #}, *|EMAIL|* and %recipient.email%';
const AS_WRITTEN = [
  TITLE,
  'Sub {{- "x" -}} {%- raw %} *|FNAME|* %recipient.name% {{ UnsubscribeURL }}',
  'Prose {{ .Subscriber.Email }} {{ 7*7 }} {% include "x" %} {# note #} *|EMAIL|* %recipient.email% {{{ triple }}} {{ "{{" }}.',
  "Tanaka {{ Hanako }}",
  "田中{#花子#}",
  "Director of *|EMAIL|* and %recipient.email%",
  "Heading {{ 7*7 }} *|MC:SUBJECT|*",
  "Speaker {{ .Subscriber.Name }}",
  "Role {% if y %} *|LNAME|*",
  "Cite %recipient.unsubscribe_url%",
  "原文 {{ 7*7 }} {% raw %}",
  "Quote {{ ManageURL }} *|UNSUB|* %recipient.unsubscribe_url%",
  "Only a role {{ y }}",
  "With {{ .Subscriber.Name }}",
  "Role *|EMAIL|*",
  "Place %recipient.email%",
  "Title {% if z %}",
  "Met {# there #}.",
  "Note {{ 7*7 }} {%- if true %} *|UNSUB|* %recipient.unsubscribe_url%",
  'Reading {{ 7*7 }} {% include "x" %} *|EMAIL|*',
  "Footnote {{ 7*7 }} *|EMAIL|* %recipient.email%.",
  "Services {{ site }} *|LIST:NAME|*",
  "1 {% raw %} Street, *|LIST:ADDRESS|*, %recipient.city%",
  "You signed up for {{ .Subscriber.Name }} letters.",
];
const QUOTE_SOURCE = "https://example.org/q?a={{x}}&b=*|EMAIL|*";
const UNSUBSCRIBE = "https://unsubscribe.example.net/u/7?s=1&t=2";
const MANAGE = "https://manage.example.net/m/7";

/** Each preset: how it processes an issue, and its own merge tags' values for one subscriber. */
const SERVICES: { service: EmailConfig["service"]; process: ServiceProcessor; values: Record<string, string>; escapes: boolean }[] = [
  { service: "listmonk", process: asListmonk, values: { UnsubscribeURL: UNSUBSCRIBE, ManageURL: MANAGE }, escapes: true },
  { service: "buttondown", process: asButtondown, values: { unsubscribe_url: UNSUBSCRIBE, "subscriber.manage_url": MANAGE }, escapes: true },
  { service: "mailchimp", process: asMailchimp, values: { UNSUB: UNSUBSCRIBE, UPDATE_PROFILE: MANAGE }, escapes: false },
  { service: "ghost", process: asMailgun, values: { "recipient.unsubscribe_url": UNSUBSCRIBE, "recipient.manage_account_url": MANAGE }, escapes: false },
];

let project: Project;
let renderer: EmailRenderer;

beforeAll(async () => {
  const loaded = await loadProject(ROOT);
  if (!isLoaded(loaded)) throw new Error(loaded.problems.map((problem) => problem.message).join("\n"));
  project = loaded;
  const templates = templateEnvironments(ROOT);
  addEmailFilters(templates);
  renderer = new EmailRenderer(templates, await mkdtemp(path.join(os.tmpdir(), "castpress-mjml-")));
});

describe.each(SERVICES)("an issue sent by $service", ({ service, process, values, escapes }) => {
  let html: string;
  let text: string;
  let subject: string;
  /** The word joiner that keeps a tag from a service with no escape is invisible; the reader sees the rest. */
  const seen = (output: string) => (escapes ? output : output.replaceAll("\u2060", ""));

  beforeAll(async () => {
    const site = { ...project.site, email: { ...project.site.email!, service } };
    const issue: EmailIssue = await renderer.render(project.episodes[0]!, { site });
    [html, text, subject] = [issue.html, issue.text, issue.subject].map((part) => process(part, values)) as [string, string, string];
  });

  it("keeps the subject exactly as the title was written", () => {
    expect(seen(subject)).toBe(TITLE);
    if (escapes) expect(subject).toBe(TITLE);
  });

  it("shows every piece of author text as written in the HTML", () => {
    const shown = htmlText(html).replace(/\s+/g, " ");
    for (const written of AS_WRITTEN) expect(shown, written).toContain(written);
    expect(hrefs(html)).toContain(QUOTE_SOURCE);
  });

  it("shows every piece of author text as written in the text twin", () => {
    const shown = seen(text).replace(/\s+/g, " ");
    for (const written of AS_WRITTEN) expect(shown, written).toContain(written);
  });

  it("fills only castpress's own links: unsubscribe and manage, in the HTML and the text", () => {
    expect(hrefs(html).filter((href) => href.includes(".example.net/"))).toEqual([UNSUBSCRIBE, MANAGE]);
    expect(text).toContain(`Unsubscribe: ${UNSUBSCRIBE}\n`);
    expect(text).toContain(`Manage subscription: ${MANAGE}\n`);
  });
});

describe("listmonk, by Go's text/template rules", () => {
  it('leaves no {{ in the issue outside its own two tags and the {{"{{"}} escape', async () => {
    const site = { ...project.site, email: { ...project.site.email!, service: "listmonk" as const } };
    const issue = await renderer.render(project.episodes[0]!, { site });
    for (const part of [issue.html, issue.text, issue.subject]) {
      const rest = part.replaceAll("{{ UnsubscribeURL }}", "").replaceAll("{{ ManageURL }}", "").replaceAll('{{"{{"}}', "");
      expect(rest).not.toContain("{{");
    }
  });
});

describe("check's warning where a service has no escape", () => {
  it("names the file and line of each Mailchimp and Mailgun tag an author wrote, and nothing for listmonk or Buttondown", async () => {
    const source = await readFile(path.join(ROOT, EPISODE_FILE), "utf8");
    const lines = source.split("\n");
    const linesWith = (pattern: RegExp) => lines.flatMap((line, index) => (pattern.test(line) ? [index + 1] : []));
    const mailchimp = mergeTagWarnings(EPISODE_FILE, source, "mailchimp");
    expect(mailchimp.map((problem) => problem.line)).toEqual(linesWith(/\*\|.*\|\*/));
    expect(mailchimp[0]).toMatchObject({ severity: "warning", file: EPISODE_FILE });
    expect(mailchimp[0]!.message).toContain("*|EMAIL|*");
    expect(mergeTagWarnings(EPISODE_FILE, source, "ghost").map((problem) => problem.line)).toEqual(linesWith(/%recipient\.[^%\s]*%/));
    expect(mergeTagWarnings(EPISODE_FILE, source, "listmonk")).toEqual([]);
    expect(mergeTagWarnings(EPISODE_FILE, source, "buttondown")).toEqual([]);
  });
});

type Node = DefaultTreeAdapterMap["node"];

/** Every link's href as a browser reads it (entities decoded), in document order. */
function hrefs(html: string): string[] {
  const found: string[] = [];
  const walk = (node: Node) => {
    if ("tagName" in node && node.tagName === "a") {
      const href = node.attrs.find((attr) => attr.name === "href");
      if (href) found.push(href.value);
    }
    if ("childNodes" in node) node.childNodes.forEach(walk);
  };
  walk(parse(html));
  return found;
}
