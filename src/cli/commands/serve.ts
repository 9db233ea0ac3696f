import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { watch } from "chokidar";
import { SOURCE_DIR } from "../../paths/package-files.ts";
import { parseHost, parsePort, ServeAddressError } from "../../serve/serve-address.ts";
import type { Command } from "../commands.ts";

const WORKER = path.join(SOURCE_DIR, "serve/preview-worker.ts");

export const serve: Command = {
  name: "serve",
  summary: "preview the archive with drafts and live reload, plus each email and feed (--port, --host)",
  options: { root: { type: "string" }, port: { type: "string" }, host: { type: "string" } },
  async run(values) {
    let args: string[];
    try {
      const port = values.port === undefined && process.env.PORT ? parsePort(process.env.PORT, "PORT") : parsePort(String(values.port ?? "8080"));
      args = [String(values.root ?? process.cwd()), String(port), parseHost(String(values.host ?? "127.0.0.1"))];
    } catch (error) {
      if (!(error instanceof ServeAddressError)) throw error;
      console.error(`castpress serve: ${error.message}`);
      return 2;
    }
    return runWorker(args);
  },
};

/**
 * Runs the preview in a child process, started again when castpress's own TypeScript
 * changes. Resolves to the exit code: the worker's, if it stopped on its own (2 when it
 * could not listen), 0 after Ctrl+C.
 */
function runWorker(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    let worker: ChildProcess;
    let restarting: Promise<void> | undefined;
    const sources = watch(SOURCE_DIR, { ignoreInitial: true }).on("all", (_event, file) => {
      if (!file.endsWith(".ts") || restarting) return;
      console.log(`castpress serve: ${path.relative(SOURCE_DIR, file)} changed, restarting`);
      restarting = stop(worker).then(() => {
        launch();
        restarting = undefined;
      });
    });
    const finish = (code: number): void => {
      process.off("SIGINT", quit);
      process.off("SIGTERM", quit);
      void sources.close().then(() => resolve(code));
    };
    const launch = (): void => {
      worker = start(args);
      // Ctrl+C in a terminal reaches the worker too, and may stop it before this process hears of it.
      worker.once("exit", (code, signal) => {
        if (!restarting && !quitting) finish(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
      });
    };
    let quitting = false;
    const quit = (): void => {
      quitting = true;
      void stop(worker).then(() => finish(0));
    };
    process.once("SIGINT", quit);
    process.once("SIGTERM", quit);
    launch();
  });
}

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
