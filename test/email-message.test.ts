import { readFile, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { email } from "../src/cli/commands/email.ts";
import { buildFixture, buildInProcess } from "./support/build-in-process.ts";
import { castpress, copyFixture } from "./support/castpress-cli.ts";
import { runInProcess } from "./support/command-in-process.ts";

/**
 * The .eml of an issue, sent by `castpress email --send-test` through a real SMTP server on a
 * loopback port, arrives whole: what mailparser reads back is what the author wrote.
 */
const TITLE = `Tom & Jerry's "Best" <Day> <script>alert(1)</script> 🎉`;
const SUBTITLE = `Subtitle & <b>bold</b> "quoted" 'single' <script>alert(2)</script> 🐟`;

let project: string;
let dist: string;
let server: SMTPServer;
let port: number;
const received: { to: string[]; mail: ParsedMail }[] = [];

beforeAll(async () => {
  ({ project, dist } = await buildFixture("email-escaping"));
  server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onRcptTo(address, _session, callback) {
      // A server that refuses one mailbox, for the refusal message.
      if (address.address.startsWith("refused@")) return callback(new Error("550 no such mailbox"));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        },
        callback,
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe("castpress email --send-test", () => {
  let mail: ParsedMail;
  let cliOutput: string;

  beforeAll(async () => {
    const result = await castpress(["email", "escaping", "--send-test", "reader@example.org"], {
      cwd: project,
      env: { SMTP_URL: `smtp://127.0.0.1:${port}` },
    });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    cliOutput = result.stdout;
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(["reader@example.org"]);
    mail = received[0]!.mail;
  }, 60_000);

  it("prints where the three files are, with their sizes", () => {
    for (const ext of ["html", "txt", "eml"]) expect(cliOutput).toMatch(new RegExp(`dist/email/escaping\\.${ext}\\s+\\d+\\.\\d KB`));
    expect(cliOutput).toContain("Sent a test to reader@example.org");
  });

  it("has the exact title as its subject, and the sender from the config", () => {
    expect(mail.subject).toBe(TITLE);
    expect(mail.from?.value).toEqual([{ name: "Letters & Notes", address: "letters@example.org" }]);
    expect(mail.replyTo?.value[0]?.address).toBe("replies@example.org");
  });

  it("is multipart/alternative with the text twin and the HTML email, as built", async () => {
    expect(mail.headers.get("content-type")).toMatchObject({ value: "multipart/alternative" });
    const [html, text] = await Promise.all(["html", "txt"].map((ext) => readFile(path.join(dist, `email/escaping.${ext}`), "utf8")));
    expect(mail.text).toBe(text);
    expect(mail.html).toBe(html);
  });

  it("keeps Chinese and Japanese text intact in both parts", () => {
    for (const cjk of ["双方表示将保持高层交往和各领域对话交流。", "科学的な根拠に基づいて説明していきます。", "福田達夫", "王毅"]) {
      expect(mail.text).toContain(cjk);
      expect(mail.html).toContain(cjk);
    }
    expect(mail.html).toMatch(/lang="zh"[^>]*>\s*<p[^>]*>双方表示/);
    expect(mail.html).toMatch(/lang="ja"[^>]*>\s*<p[^>]*>科学的な/);
  });

  it("carries List-Id, and a List-Unsubscribe of URIs only: the mailto, not the service's unfilled merge tag", () => {
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line;
    expect(header("list-id")).toBe("List-ID: <letters.example.org>");
    expect(header("list-unsubscribe")).toBe("List-Unsubscribe: <mailto:leave@example.org>");
    // One-Click (RFC 8058) needs an https link to post to: a mailto alone has none.
    expect(header("list-unsubscribe-post")).toBeUndefined();
  });

  it("is addressed to the test's recipient and dated when it was sent", () => {
    expect(mail.to).toMatchObject({ value: [{ address: "reader@example.org" }] });
    expect(Math.abs(mail.date!.getTime() - Date.now())).toBeLessThan(5 * 60_000);
  });

  it("shows the title, subtitle and author text as text, never as markup", () => {
    expect(mail.html).not.toMatch(/<script/i);
    expect(mail.html).not.toContain("<b>bold</b>");
    expect(mail.html).toContain("Tom &amp; Jerry&#39;s &quot;Best&quot; &lt;Day&gt; &lt;script&gt;alert(1)&lt;/script&gt; 🎉");
    expect(mail.text).toContain(TITLE);
    expect(mail.text).toContain(SUBTITLE);
  });

  it("ends the text twin with the numbered links and the unsubscribe line", () => {
    expect(mail.text).toMatch(/\[2\] https:\/\/example\.org\/a\?x=1&y=2\n/);
    expect(mail.text).toContain("outside link [2]");
    expect(mail.text).toMatch(/Unsubscribe: \*\|UNSUB\|\*\n/);
  });
});

describe("the .eml, made on request", () => {
  const GUID = "3c0a4f1e-8d7b-4c52-9a61-2f4e5d6c7b8a";

  it("is not written by the build; castpress email makes it, with a Message-ID from the guid and the site's host, the same while nothing changed", async () => {
    const fresh = await copyFixture("email-escaping");
    const built = await buildInProcess(fresh);
    expect(built.code, built.stderr).toBe(0);
    await expect(readFile(path.join(fresh, "dist/email/escaping.eml"))).rejects.toThrow(/ENOENT/);
    const ids: string[] = [];
    for (const out of ["made-1", "made-2"]) {
      const made = await runInProcess(email, { root: fresh, out }, ["escaping"]);
      expect(made.code, made.stderr).toBe(0);
      ids.push((await simpleParser(await readFile(path.join(fresh, out, "email/escaping.eml")))).messageId!);
    }
    expect(ids[0]).toMatch(new RegExp(`^<${GUID}\\.[0-9a-f]{16}@letters\\.example\\.org>$`));
    expect(ids[1]).toBe(ids[0]);
  }, 120_000);

  it("gets a new Message-ID when the issue changed, so Gmail shows a second test send", async () => {
    const edited = await copyFixture("email-escaping");
    const file = path.join(edited, "episodes/2025-02-01-escaping.md");
    await writeFile(file, (await readFile(file, "utf8")).replace("They met.", "They met again."));
    const result = await runInProcess(email, { root: edited }, ["escaping"]);
    expect(result.code, result.stderr).toBe(0);
    const [before, after] = await Promise.all(
      [dist, path.join(edited, "dist")].map(async (dir) => (await simpleParser(await readFile(path.join(dir, "email/escaping.eml")))).messageId),
    );
    expect(after).toMatch(new RegExp(`^<${GUID}\\.`));
    expect(after).not.toBe(before);
  }, 120_000);
});

describe("castpress email --send-test, when it cannot send", () => {
  it("says to set SMTP_URL when none is set", async () => {
    const result = await castpress(["email", "escaping", "--send-test", "reader@example.org"], { cwd: project, env: { SMTP_URL: "" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/set SMTP_URL/);
  });

  it("says so when the server refuses the message", async () => {
    const result = await castpress(["email", "escaping", "--send-test", "refused@example.org"], {
      cwd: project,
      env: { SMTP_URL: `smtp://127.0.0.1:${port}` },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SMTP server at smtp:\/\/127\.0\.0\.1:\d+\/? did not take the message: .*no such mailbox/);
  });
});
