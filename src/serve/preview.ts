import { realpath, rm } from "node:fs/promises";
import { cacheDir } from "../paths/project-files.ts";
import { BuildQueue } from "./build-queue.ts";
import { loadSiteConfig } from "../config/site-config.ts";
import { DevServer } from "./dev-server.ts";
import { watchProject } from "./project-watcher.ts";

export interface PreviewOptions {
  root: string;
  port: number;
  host: string;
  log?: (line: string) => void;
}

export interface Preview {
  url: string;
  close: () => Promise<void>;
}

/**
 * Listens first, so a wrong --port or --host is known at once and the browser shows the first
 * build's progress; then builds, and builds again on every save. Rejects only with a
 * ServeAddressError; every problem of a build is shown, and serve carries on.
 */
export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const log = options.log ?? console.log;
  const root = await realpath(options.root);
  // Never dist/, since the preview includes drafts.
  const output = cacheDir(root, "serve");
  // The config's baseUrl, if it reads, so the address printed is under the site's path from the start.
  const server = new DevServer(output, (await loadSiteConfig(root)).config?.baseUrl);
  const url = await server.listen(options.port, options.host);
  log(`castpress serve: ${url} (drafts and scheduled episodes included; Ctrl+C stops)`);
  // Loaded once listening: the builder's modules (Eleventy's, the parser's) take seconds on a busy machine.
  const { PreviewBuilder } = await import("./preview-builder.ts");
  // What an earlier session left (pages of episodes deleted since) goes before the first build.
  await rm(output, { recursive: true, force: true });
  // Media may sit anywhere in the project (castpress.yaml's art, an episode's ../media/x.mp3).
  const builder = new PreviewBuilder(root, output, server, log, (media) => watcher.add(media));
  const builds = new BuildQueue(() => {
    const build = builder.build();
    server.buildStarted(build);
    return build;
  });
  const watcher = await watchProject(
    root,
    (change) => {
      builder.noteChange(change);
      builds.request();
    },
    (error) => log(`castpress serve: watching for saves failed: ${error.message} — saves may not reach the preview; restart serve`),
  );
  builds.request();
  return {
    url,
    close: async () => {
      await watcher.close();
      await builds.stop();
      await server.close();
    },
  };
}
