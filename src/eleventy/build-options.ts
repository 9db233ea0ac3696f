/**
 * What a build is asked for. Read from the environment so the same config serves
 * `castpress build`, `castpress serve`, the tests and a bare `npx @11ty/eleventy`.
 */
export interface BuildOptions {
  /** The project folder. */
  root: string;
  /** Include drafts and scheduled episodes, marked as such. */
  drafts: boolean;
}

export function buildOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BuildOptions {
  return {
    root: env.CASTPRESS_ROOT ?? process.cwd(),
    drafts: env.CASTPRESS_DRAFTS === "1",
  };
}

export function buildOptionsToEnv(options: Partial<BuildOptions>): Record<string, string> {
  return {
    ...(options.root && { CASTPRESS_ROOT: options.root }),
    CASTPRESS_DRAFTS: options.drafts ? "1" : "0",
  };
}
