import { fork, type ChildProcess } from "node:child_process";
import { watch } from "node:fs";
import path from "node:path";
import { SOURCE_DIR } from "../../paths/package-files.ts";
import type { Command } from "../commands.ts";

const WORKER = path.join(SOURCE_DIR, "serve/preview-worker.ts");

export const serve: Command = {
  name: "serve",
  summary: "preview the archive with drafts and live reload, plus each email and feed (--port, --host)",
  options: { root: { type: "string" }, port: { type: "string" }, host: { type: "string" } },
  async run(values) {
    const args = [
      String(values.root ?? process.cwd()),
      String(values.port ?? process.env.PORT ?? "8080"),
      String(values.host ?? "127.0.0.1"),
    ];
    let worker = start(args);
    // An edit to castpress's own TypeScript restarts the preview in a fresh process.
    let restarting: Promise<void> | undefined;
    const watcher = watch(SOURCE_DIR, { recursive: true }, (_event, file) => {
      if (!file?.endsWith(".ts") || restarting) return;
      console.log(`castpress serve: ${file} changed, restarting`);
      restarting = stop(worker).then(() => {
        worker = start(args);
        restarting = undefined;
      });
    });
    await new Promise<void>((resolve) => {
      const quit = (): void => {
        watcher.close();
        void stop(worker).then(resolve);
      };
      process.once("SIGINT", quit);
      process.once("SIGTERM", quit);
    });
    return 0;
  },
};

function start(args: string[]): ChildProcess {
  // tsx is castpress's own dependency: resolve it from here, not from the author's project.
  return fork(WORKER, args, { execArgv: ["--import", import.meta.resolve("tsx")], stdio: "inherit" });
}

function stop(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    worker.once("exit", () => resolve());
    worker.kill("SIGTERM");
  });
}
