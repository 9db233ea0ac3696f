import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadSiteConfig } from "../../src/config/site-config.ts";
import { formatProblem } from "../../src/problems/problem.ts";

async function checkConfig(yaml: string): Promise<string[]> {
  const root = await mkdtemp(path.join(os.tmpdir(), "castpress-config-"));
  await writeFile(path.join(root, "castpress.yaml"), yaml);
  return (await loadSiteConfig(root)).problems.items.map(formatProblem);
}

const REQUIRED = "title: T\ndescription: D\nauthor: A\n";

/**
 * Regression (issue 12): a line break in email.listId or a custom unsubscribe link went
 * straight into the message's headers (an author's paste could add a Bcc:), a From with a
 * line break lost its address, signup and funding links could be javascript: or http:, and a
 * baseUrl with a password was published in every page.
 */
describe("config values that would inject or leak", () => {
  it("are refused at their line: line breaks in mail headers, links that are not https: or mailto:, credentials in baseUrl", async () => {
    const lines = await checkConfig(`${REQUIRED}baseUrl: https://editor:s3cret@example.org
signup: "javascript:alert(document.cookie)"
podcast:
  category: News
  owner: { name: O, email: o@example.org }
  funding: { url: "http://example.org/support", text: Support us }
  hosts:
    - { name: Ann, href: "http://example.org/ann" }
email:
  from: "Letters <letters@example.org>\\r\\nBcc: everyone@example.org"
  replyTo: "replies@example.org\\nX-Spam: no"
  postalAddress: 1 Street
  service: custom
  unsubscribeUrl: "https://example.org/u?id=1\\r\\nX-Unsub: 1"
  manageUrl: "javascript:void(0)"
  listId: "list.example.org>\\r\\nX-Injected: yes"
`);
    const header = "holds a line break or control character, which would end the mail header it goes into";
    expect(lines).toEqual([
      "castpress.yaml:4: baseUrl \"https://editor:s3cret@example.org\" holds a user name or password, which every page would publish — where the site is published, such as https://example.org or https://user.github.io/show/",
      "castpress.yaml:5: signup \"javascript:alert(document.cookie)\" is not an https: or mailto: link — where readers sign up for the email: an https URL or a mailto: link",
      'castpress.yaml:9: podcast.funding.url "http://example.org/support" is not a web address (https://...) — the funding page, as an https URL',
      'castpress.yaml:11: podcast.hosts entry 1, href "http://example.org/ann" is not a web address (https://...) — a page about the person, as an https URL',
      `castpress.yaml:13: email.from "Letters <letters@example.org>\\r\\nBcc: ever…" ${header} — the sender, as "Name <address@example.org>" on one line`,
      `castpress.yaml:14: email.replyTo "replies@example.org\\nX-Spam: no" ${header} — the address replies go to, on one line`,
      `castpress.yaml:17: email.unsubscribeUrl "https://example.org/u?id=1\\r\\nX-Unsub: 1" ${header} — with service: custom, the unsubscribe link (https: or mailto:) or merge tag; with service: castpress, an https URL with {token} (and {email})`,
      'castpress.yaml:18: email.manageUrl "javascript:void(0)" is not an https: or mailto: link — with service: custom, the manage-subscription link (https: or mailto:) or merge tag; optional with service: castpress',
      'castpress.yaml:19: email.listId "list.example.org>\\r\\nX-Injected: yes" is not a list id — a List-Id such as "castpress.example.org": words joined by dots, nothing else',
    ]);
  });

  it("accept what authors write: merge tags, mailto: and https: links, and a list id", async () => {
    const lines = await checkConfig(`${REQUIRED}baseUrl: https://example.org
signup: mailto:subscribe@example.org
email:
  from: "Letters from Tokyo <letters@example.org>"
  replyTo: replies@example.org
  postalAddress: 1 Street
  service: custom
  unsubscribeUrl: "{{ UnsubscribeURL }}"
  manageUrl: https://example.org/manage?id=*|ID|*
  unsubscribeMailto: leave@example.org
  listId: letters.example.org
`);
    expect(lines).toEqual([]);
  });
});
