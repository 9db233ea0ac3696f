import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { doIUseEmail } from "doiuse-email";
import { beforeAll, describe, expect, it } from "vitest";
import { email } from "../src/cli/commands/email.ts";
import { buildFixture } from "./support/build-in-process.ts";
import { copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/**
 * What Gmail, Outlook and Apple Mail make of the sample's email (by caniemail.com's data),
 * how big it is, and whether every mail service's merge tags survive MJML and minification.
 */
const SAMPLE_SLUG = "beijing-talks-resume";

/**
 * Features caniemail lists as unsupported somewhere that the email uses on purpose. Each
 * degrades to something readable where unsupported; anything else fails the test.
 */
const ALLOWED: Record<string, string> = {
  "@media": "dark mode and MJML's column widths are enhancements; without them the email is light and one column",
  "Class selector": "head styles only add dark mode and CJK fonts; every style needed to read is inlined",
  "Type selector": "MJML's reset in the head; the inlined styles carry the look",
  "Descendant combinator": "dark-mode rules in the head; ignored where unsupported",
  "Chaining selectors": "dark-mode rules in the head; ignored where unsupported",
  "Attribute selector": "Outlook.com's [data-ogsc] dark-mode hooks and MJML's reset; ignored elsewhere",
  "ID selector": "MJML's #outlook a reset, meant for Outlook alone",
  "<body> element": "Outlook's mobile apps replace <body> with a <div>; nothing depends on it",
  "display:none": "the preheader is hidden by several properties so each client honours one",
  opacity: "the preheader is hidden by several properties so each client honours one",
  overflow: "the preheader is hidden by several properties so each client honours one",
  outline: "MJML's image reset; an unsupported reset changes nothing",
  "word-break": "MJML's break-word for long URLs, and Korean's keep-all (break only at spaces); unsupported means the client's own wrapping",
  "white-space": "a mention's native name, \"(이재명)\", kept on one line; unsupported means it may wrap inside",
  "border-radius": "rounded corners on the button and the note; square where unsupported",
  "role attribute": "role=presentation on layout tables, for screen readers; harmless where dropped",
  "aria-label attribute": "MJML's label on the email container; harmless where dropped",
  "target attribute": "MJML's buttons open in a new tab; clients that drop it open links their own way",
};

let sampleHtml: string;

beforeAll(async () => {
  const { dist } = await buildFixture("east-asia-digest");
  sampleHtml = await readFile(path.join(dist, `email/${SAMPLE_SLUG}.html`), "utf8");
}, 120_000);

describe("the sample email in Gmail, Outlook and Apple Mail (doiuse-email)", () => {
  it("uses nothing they lack beyond the allowlist", () => {
    const result = doIUseEmail(sampleHtml, { emailClients: ["gmail.*", "outlook.*", "apple-mail.*"] });
    const errors: string[] = result.success ? [] : result.errors;
    const features = errors.map((error) => /^`(.+?)` is not supported by/.exec(error)?.[1] ?? error);
    const unexpected = [...new Set(features)].filter((feature) => !(feature in ALLOWED));
    expect(unexpected).toEqual([]);
  });
});

describe("the sample email's size", () => {
  it("is under 60 KB, well under the 102 KB at which Gmail clips a message", () => {
    expect(Buffer.byteLength(sampleHtml)).toBeLessThan(60 * 1024);
  });

  it("keeps its styles under Gmail's 16 KB limit", () => {
    const styles = [...sampleHtml.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join("");
    expect(styles.length).toBeGreaterThan(0);
    expect(Buffer.byteLength(styles)).toBeLessThan(16 * 1024);
  });

  it("is compiled MJML with dark-mode metadata and an Outlook font override", () => {
    expect(sampleHtml).toMatch(/<meta name="color-scheme" content="light dark">/);
    expect(sampleHtml).toMatch(/<meta name="supported-color-schemes" content="light dark">/);
    expect(sampleHtml).toMatch(/@media \(prefers-color-scheme: ?dark\)/);
    expect(sampleHtml).toMatch(/<!--\[if mso\]>\s*<style>[^<]*font-family: 'Segoe UI', Arial, sans-serif !important/);
    expect(sampleHtml).not.toMatch(/fonts\.googleapis\.com/);
  });
});

describe("merge tags, for every mail service", () => {
  const services: [string, string, { unsubscribe: string; manage: string; unsubscribeInHtml?: string }][] = [
    ["listmonk", "service: listmonk", { unsubscribe: "{{ UnsubscribeURL }}", manage: "{{ ManageURL }}" }],
    ["mailchimp", "service: mailchimp", { unsubscribe: "*|UNSUB|*", manage: "*|UPDATE_PROFILE|*" }],
    ["buttondown", "service: buttondown", { unsubscribe: "{{ unsubscribe_url }}", manage: "{{ subscriber.manage_url }}" }],
    ["ghost", "service: ghost", { unsubscribe: "%recipient.unsubscribe_url%", manage: "%recipient.manage_account_url%" }],
    [
      "custom",
      'service: custom\n  unsubscribeUrl: "https://letters.example.org/leave?id={{ subscriber.id }}&list=1"\n  manageUrl: "https://letters.example.org/manage/[[id]]"',
      {
        unsubscribe: "https://letters.example.org/leave?id={{ subscriber.id }}&list=1",
        manage: "https://letters.example.org/manage/[[id]]",
        // In HTML an & in an attribute is written &amp;; the merge tag itself is untouched.
        unsubscribeInHtml: "https://letters.example.org/leave?id={{ subscriber.id }}&amp;list=1",
      },
    ],
  ];

  it.each(services)("%s: written into the HTML and the text exactly, and kept out of List-Unsubscribe, which takes URIs only", async (_name, setting, tags) => {
    const project = await copyFixture("email-escaping");
    const config = path.join(project, "castpress.yaml");
    await writeFile(config, (await readFile(config, "utf8")).replace("service: mailchimp", setting));
    const built = await runInProcess(email, { root: project }, ["escaping"]);
    expect(built.code, built.stderr).toBe(0);
    const [html, text, message] = await Promise.all(["html", "txt", "eml"].map((ext) => readFile(path.join(project, `dist/email/escaping.${ext}`), "utf8")));
    expect(html).toContain(`href="${tags.unsubscribeInHtml ?? tags.unsubscribe}"`);
    expect(html).toContain(`href="${tags.manage}"`);
    expect(text).toContain(`Unsubscribe: ${tags.unsubscribe}\n`);
    expect(text).toContain(`Manage subscription: ${tags.manage}\n`);
    // An unfilled merge tag is not a URI (RFC 2369): only the mailto goes there, and no One-Click without an https link.
    expect(message).toContain(`List-Unsubscribe: <mailto:leave@example.org>\r\n`);
    expect(message).not.toContain("List-Unsubscribe-Post");
  }, 120_000);
});
