import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import slugify from "@sindresorhus/slugify";
import { DateTime } from "luxon";
import { loadSiteConfig } from "../../config/site-config.ts";
import { PACKAGE_ROOT, TEMPLATES_DIR } from "../../paths/package-files.ts";
import { SITE_CONFIG_FILE } from "../../paths/project-files.ts";
import { templateEnvironments } from "../../rendering/template-environments.ts";
import { formatProblem } from "../../problems/problem.ts";
import type { Command } from "../commands.ts";

/** The settings init asks for when their flag is missing, in the order asked. */
const QUESTIONS = [
  { flag: "title", question: "The publication's title" },
  { flag: "base-url", question: "Where it will be published (https://example.org/ or https://user.github.io/show/)" },
  { flag: "language", question: "Its language, a BCP 47 tag (en, de, zh-Hans, ...)" },
  { flag: "time-zone", question: "Its time zone, an IANA name (Europe/London, Asia/Seoul, ...)" },
] as const;
type Answers = Record<(typeof QUESTIONS)[number]["flag"], string>;

const CI_WORKFLOWS: Record<string, { template: string; file: string }> = {
  github: { template: "init/ci/github.yml.njk", file: ".github/workflows/publish.yml" },
};

export const init: Command = {
  options: {
    title: { type: "string" },
    "base-url": { type: "string" },
    language: { type: "string" },
    "time-zone": { type: "string" },
    author: { type: "string" },
    description: { type: "string" },
    ci: { type: "string" },
  },
  async run(values, positionals) {
    if (positionals.length !== 1) return fail("name the folder to create: npx castpress init my-show");
    const folder = path.resolve(positionals[0]!);
    if ((await readdir(folder).catch(() => [])).length > 0) {
      return fail(`${positionals[0]} is not empty: give a new folder, or an empty one; nothing was written`);
    }
    const ci = typeof values.ci === "string" ? CI_WORKFLOWS[values.ci] : undefined;
    if (values.ci !== undefined && !ci) return fail(`--ci ${String(values.ci)} is not known: use --ci github`);

    const answers = await answersFor(values);
    if (typeof answers === "string") return fail(answers);
    const files = await starterFiles(folder, answers, values, ci);
    const invalid = await configProblems(files[SITE_CONFIG_FILE]!);
    if (invalid.length > 0) return fail(`these settings would not make a valid ${SITE_CONFIG_FILE}; nothing was written:\n${invalid.join("\n")}`);

    for (const [file, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
      // "wx": a file that appeared meanwhile is never overwritten.
      await writeFile(path.join(folder, file), text, { flag: "wx" });
    }
    const shown = positionals[0]!.replace(/\/+$/, "");
    console.log(`Made ${shown}/: ${Object.keys(files).join(", ")}\n\nNext:\n  cd ${shown}\n  npm install\n  npx castpress build`);
    return 0;
  },
};

/** The four settings from their flags, or asked for on a terminal; a message naming the missing flags otherwise. */
async function answersFor(values: Record<string, unknown>): Promise<Answers | string> {
  const given = Object.fromEntries(QUESTIONS.map(({ flag }) => [flag, typeof values[flag] === "string" ? values[flag].trim() : ""])) as Answers;
  const missing = QUESTIONS.filter(({ flag }) => !given[flag]);
  if (missing.length === 0) return given;
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    return `give ${missing.map(({ flag }) => `--${flag}`).join(", ")} (asked for only on a terminal)`;
  }
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  // Read through the line iterator, which keeps lines typed ahead of their question.
  const lines = terminal[Symbol.asyncIterator]();
  try {
    for (const { flag, question } of missing) {
      while (!given[flag]) {
        terminal.setPrompt(`${question}: `);
        terminal.prompt();
        const line = await lines.next();
        if (line.done) return `give --${flag}: the terminal closed before it was answered`;
        given[flag] = String(line.value).trim();
      }
    }
  } finally {
    terminal.close();
  }
  return given;
}

/** Every file of the new publication, by its path in the folder. */
async function starterFiles(folder: string, answers: Answers, values: Record<string, unknown>, ci: { template: string; file: string } | undefined) {
  const render = (template: string, context: object) => templateEnvironments().text.render(template, context);
  const title = answers.title;
  const author = typeof values.author === "string" && values.author.trim() ? values.author.trim() : "Your Name";
  const description = typeof values.description === "string" && values.description.trim() ? values.description.trim() : `${title}: a newsletter and a podcast.`;
  // A zone that is not one is reported by the config check; the date only has to be a date meanwhile.
  const zoned = DateTime.now().setZone(answers["time-zone"]);
  const today = zoned.isValid ? zoned : DateTime.utc();
  const date = today.toISODate()!;
  // JSON strings are YAML double-quoted scalars: any title is safe in YAML.
  const yaml = JSON.stringify;
  const files: Record<string, string> = {
    [SITE_CONFIG_FILE]: render("init/castpress.yaml.njk", {
      title: yaml(title),
      description: yaml(description),
      author: yaml(author),
      baseUrl: answers["base-url"],
      language: answers.language,
      timeZone: answers["time-zone"],
      year: today.year,
    }),
    "people.yaml": await readFile(path.join(TEMPLATES_DIR, "init/people.yaml"), "utf8"),
    [`episodes/${date}-welcome.md`]: render("init/episodes/first.md.njk", {
      episodeTitle: yaml(`Welcome to ${title}`),
      title,
      date,
      guid: randomUUID(),
    }),
    "package.json": `${JSON.stringify(await publicationPackage(folder), null, 2)}\n`,
    // Stored without its dot: npm leaves .gitignore files out of a package.
    ".gitignore": await readFile(path.join(TEMPLATES_DIR, "init/gitignore"), "utf8"),
    "README.md": render("init/README.md.njk", { title, baseUrl: answers["base-url"], ci: Boolean(ci) }),
  };
  if (ci) files[ci.file] = render(ci.template, {});
  return files;
}

/** The publication's package.json: castpress as its dependency, and the usual scripts. */
async function publicationPackage(folder: string) {
  const castpress = JSON.parse(await readFile(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string; engines: object };
  return {
    name: slugify(path.basename(folder)) || "publication",
    private: true,
    scripts: {
      build: "castpress build",
      start: "castpress serve",
      check: "castpress check",
      new: "castpress new",
      email: "castpress email",
    },
    dependencies: { castpress: `^${castpress.version}` },
    engines: castpress.engines,
  };
}

/** What castpress check would say of the config, checked in a scratch folder before anything is written. */
async function configProblems(config: string): Promise<string[]> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "castpress-init-"));
  try {
    await writeFile(path.join(scratch, SITE_CONFIG_FILE), config);
    const { problems } = await loadSiteConfig(scratch);
    return problems.items.filter((problem) => problem.severity === "error").map(formatProblem);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function fail(message: string): number {
  console.error(`castpress init: ${message}`);
  return 1;
}
