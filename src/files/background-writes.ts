/**
 * Writes that run beside a build's own into the same output folder (the episode pages and the
 * emails, beside Eleventy's pages), one after another in the order they were added: the
 * episode pages first, so that the search index is made from them on the second core while the
 * emails are written. A build that fails stops them, and waits for them, before its output
 * folder is removed: no write lands in a folder being removed, or brings it back.
 */
export class BackgroundWrites {
  private controller = new AbortController();
  private readonly running = new Set<Promise<void>>();
  /** Settles once the last write added has ended. */
  private last: Promise<void> = Promise.resolve();

  /**
   * Starts `write` once the writes added before it have ended, failed or not. It must start
   * nothing new once `signal` is aborted, which it may be before it starts.
   */
  add<T>(write: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = this.controller.signal;
    const written = this.last.then(() => write(signal));
    const settled = written.then(
      () => undefined,
      () => undefined,
    );
    this.last = settled;
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return written;
  }

  /** Stops every write under way or waiting and resolves once none is left; later writes start afresh. */
  async stop(): Promise<void> {
    this.controller.abort();
    this.controller = new AbortController();
    await Promise.all(this.running);
  }
}
