import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { bareAddress, composeMessage } from "../../email/message.ts";
import { sendTestMessage } from "../../email/send-test.ts";
import { emailHtml, emailMessage, emailText } from "../../paths/output-paths.ts";
import { issueRenderer, type IssueToSend } from "../../send/render-issue.ts";
import type { Command } from "../commands.ts";
import { commandLine } from "../invocation.ts";

export const email: Command = {
  options: { root: { type: "string" }, out: { type: "string" }, all: { type: "boolean" }, "send-test": { type: "string" } },
  async run(values, positionals) {
    const root = path.resolve(String(values.root ?? process.cwd()));
    const out = path.resolve(root, typeof values.out === "string" ? values.out : "dist");
    const to = typeof values["send-test"] === "string" ? values["send-test"] : undefined;
    if ((positionals.length === 0 && values.all !== true) || (to && positionals.length !== 1)) {
      console.error(`castpress email: name the episode, by its slug or its file: ${commandLine(root, "email", "my-episode")} (or --all; --send-test takes one episode)`);
      return 2;
    }
    const issues = await issueRenderer(root, "email");
    const wanted = values.all === true ? issues.project.episodes : positionals;
    for (const episode of wanted) {
      const prepared = await issues.render(episode);
      for (const warning of prepared.warnings) console.warn(warning);
      await writeIssue(prepared, out, wanted.length === 1);
      if (to) {
        const test = await composeMessage({ ...messageBase(prepared), to, date: new Date() });
        const response = await sendTestMessage(test, { from: bareAddress(prepared.email.from), to }, process.env.SMTP_URL);
        console.log(`Sent a test to ${to}: ${response}`);
      }
    }
    if (wanted.length !== 1) console.log(`${wanted.length} email issues in ${path.relative(process.cwd(), path.join(out, "email")) || "."}/`);
    return 0;
  },
};

/** The issue's three files: the .eml is a copy to the sender, dated now (a mail service replaces both when it sends). */
async function writeIssue(prepared: IssueToSend, out: string, verbose: boolean): Promise<void> {
  const { episode, issue, email } = prepared;
  const message = await composeMessage({ ...messageBase(prepared), to: email.from, date: new Date() });
  const files: [string, string | Buffer][] = [
    [emailHtml(episode.slug), issue.html],
    [emailText(episode.slug), issue.text],
    [emailMessage(episode.slug), message],
  ];
  if (verbose) console.log(`Email issue for "${episode.title}" (subject, as the mail service needs it: ${issue.subject}):`);
  for (const [where, content] of files) {
    const file = path.join(out, where);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    if (verbose) console.log(`  ${path.relative(process.cwd(), file).padEnd(48)} ${kilobytes(Buffer.byteLength(content)).padStart(9)}`);
  }
}

const messageBase = ({ episode, email, project, issue }: IssueToSend) => ({
  episode,
  email,
  baseUrl: project.site.baseUrl,
  subject: issue.subject,
  html: issue.html,
  text: issue.text,
});

const kilobytes = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
