import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { watch, type FSWatcher } from "chokidar";
import { SOURCE_DIR, SOURCE_EXTENSION } from "../paths/package-files.ts";

const WORKER = path.join(SOURCE_DIR, `serve/preview-worker${SOURCE_EXTENSION}`);

/**
 * The preview in a child process (preview-worker.ts), started again when castpress's own
 * TypeScript changes, so an edit to castpress's code is running at the next save.
 */
export class PreviewProcess {
  private worker: ChildProcess | undefined;
  private restarting: Promise<void> | undefined;
  private quitting = false;
  private sources: FSWatcher | undefined;
  private finished: (code: number) => void = () => {};

  /** `args` are the worker's: the project folder, the port and the host, as checked. */
  constructor(private readonly args: string[]) {}

  /**
   * Resolves to the exit code: the worker's, if it stopped on its own (2 when it could not
   * listen), 0 after Ctrl+C.
   */
  run(): Promise<number> {
    const quit = (): void => void this.quit();
    process.once("SIGINT", quit);
    process.once("SIGTERM", quit);
    this.sources = watch(SOURCE_DIR, { ignoreInitial: true })
      .on("all", (_event, file) => this.onSourceChange(file))
      // Only castpress's own code is watched here: the preview goes on without it.
      .on("error", (error) => console.error(`castpress serve: not watching castpress's code any more: ${(error as Error).message}`));
    this.launch();
    return new Promise<number>((resolve) => (this.finished = resolve)).finally(async () => {
      process.off("SIGINT", quit);
      process.off("SIGTERM", quit);
      await this.sources?.close();
    });
  }

  private launch(): void {
    // In a checkout the worker is TypeScript: tsx, resolved from castpress rather than from the author's project.
    const execArgv = SOURCE_EXTENSION === ".ts" ? ["--import", import.meta.resolve("tsx")] : [];
    const worker = fork(WORKER, this.args, { execArgv, stdio: "inherit" });
    this.worker = worker;
    // Ctrl+C in a terminal reaches the worker too, and may stop it before this process hears of it.
    worker.once("exit", (code, signal) => {
      if (this.restarting || this.quitting) return;
      this.finished(code ?? (signal === "SIGINT" || signal === "SIGTERM" ? 0 : 1));
    });
  }

  private onSourceChange(file: string): void {
    if (!file.endsWith(SOURCE_EXTENSION) || this.restarting) return;
    console.log(`castpress serve: ${path.relative(SOURCE_DIR, file)} changed, restarting`);
    this.restarting = this.stopWorker().then(() => {
      this.launch();
      this.restarting = undefined;
    });
  }

  private async quit(): Promise<void> {
    this.quitting = true;
    await this.restarting;
    await this.stopWorker();
    this.finished(0);
  }

  private stopWorker(): Promise<void> {
    const worker = this.worker;
    if (!worker || worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      worker.once("exit", () => resolve());
      worker.kill("SIGTERM");
    });
  }
}
