import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { cacheDir } from "../paths/project-files.ts";

/** Where compiled emails are kept between builds: outside dist/, under the git-ignored .cache/. */
export const mjmlCacheDir = (projectRoot: string): string => cacheDir(projectRoot, "mjml");

/** An email template MJML refuses: MJML's own message, with the template and episode it came from. */
export class EmailTemplateError extends Error {}

export interface MjmlSource {
  mjml: string;
  /** What to name in an error: the template and the episode. */
  origin: string;
}

/**
 * MJML → HTML, strict, without web fonts (they would be fetched from Google by every reader).
 * Compiling costs milliseconds per email, so the HTML is cached by a hash of the MJML and of
 * MJML's version: a rebuild compiles only the emails whose MJML changed.
 */
export async function compileMjml(source: MjmlSource, cacheDir: string): Promise<string> {
  const key = createHash("sha256").update(CACHE_SALT).update(source.mjml).digest("hex");
  const file = path.join(cacheDir, `${key}.html`);
  const cached = await readFile(file, "utf8").catch(() => undefined);
  if (cached !== undefined) return cached;
  let compiling = inFlight.get(key);
  if (!compiling) {
    compiling = compile(source).finally(() => inFlight.delete(key));
    inFlight.set(key, compiling);
  }
  const html = await compiling;
  await store(file, html);
  return html;
}

export const MJML_OPTIONS = {
  validationLevel: "strict",
  fonts: {},
  keepComments: false,
  // No minification: MJML's (htmlnano) nearly triples the compile time for ~10% fewer bytes.
  minify: false,
} as const;

const MJML_VERSION: string = createRequire(import.meta.url)("mjml/package.json").version;
const CACHE_SALT = `mjml ${MJML_VERSION} ${JSON.stringify(MJML_OPTIONS)}\n`;

/** Two pages asking for the same email at once share one compile. */
const inFlight = new Map<string, Promise<string>>();

async function compile({ mjml, origin }: MjmlSource): Promise<string> {
  try {
    // Loaded on a cache miss only: MJML and its inliner are ~45 MB that a rebuild, `castpress
    // email` or `castpress send` with the shell already compiled never needs.
    const { default: mjml2html } = await import("mjml");
    const result = await mjml2html(mjml, MJML_OPTIONS);
    return result.html;
  } catch (error) {
    // MJML's lines are those of the rendered MJML, which it names by the working directory.
    const message = error instanceof Error ? error.message.replace(/^ValidationError: \s*/, "").replaceAll(` of ${process.cwd()} `, " ").trim() : String(error);
    throw new EmailTemplateError(`MJML rejected the email rendered from ${origin}:\n${message}`);
  }
}

/** Written under a temporary name, then renamed, so a killed build never leaves half a file. */
async function store(file: string, html: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, html);
  await rename(partial, file);
}
