/**
 * Writes that run beside a build's own into the same output folder (the emails, beside
 * Eleventy's pages). A build that fails stops them, and waits for them, before its output
 * folder is removed: no write lands in a folder being removed, or brings it back.
 */
export class BackgroundWrites {
  private controller = new AbortController();
  private readonly running = new Set<Promise<void>>();

  /** Starts `write`, which must start nothing new once `signal` is aborted. */
  add<T>(write: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const written = write(this.controller.signal);
    const settled = written.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return written;
  }

  /** Stops every write under way and resolves once none is running; later writes start afresh. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.controller = new AbortController();
    await Promise.all(this.running);
  }
}
