/**
 * Runs one build at a time. Saves within a few milliseconds of each other (an editor writing
 * a file and renaming it) make one request; a request during a build asks for one more after it.
 */
export class BuildQueue {
  private running: Promise<void> | undefined;
  private queued = false;
  private timer: NodeJS.Timeout | undefined;

  /** `build` reports its own failures: it must not reject. */
  constructor(
    private readonly build: () => Promise<void>,
    private readonly settleMs = 30,
  ) {}

  request(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.start(), this.settleMs);
  }

  /** Drops what is queued and waits for the build under way. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.queued = false;
    await this.running;
  }

  private start(): void {
    if (this.running) {
      this.queued = true;
      return;
    }
    this.running = this.build().finally(() => {
      this.running = undefined;
      if (this.queued) {
        this.queued = false;
        this.start();
      }
    });
  }
}
