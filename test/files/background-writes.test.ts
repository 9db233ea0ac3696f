import { describe, expect, it } from "vitest";
import { BackgroundWrites } from "../../src/files/background-writes.ts";

describe("writes beside a build", () => {
  it("are told to stop when the build fails, and stop() resolves only once they have ended", async () => {
    const writes = new BackgroundWrites();
    const events: string[] = [];
    const written = writes.add(async (signal) => {
      while (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 30));
      events.push("write ended");
      return "partial";
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writes.stop();
    events.push("stopped");
    expect(events).toEqual(["write ended", "stopped"]);
    expect(await written).toBe("partial");
  });

  it("waits for a write that fails too, and gives the next build a signal not aborted", async () => {
    const writes = new BackgroundWrites();
    const failing = writes.add(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error("disk full");
    });
    failing.catch(() => undefined);
    await writes.stop();
    await expect(failing).rejects.toThrow("disk full");
    await writes.add(async (signal) => expect(signal.aborted).toBe(false));
  });
});

describe("writes beside a build, one after another", () => {
  it("start in the order they were added, each once the one before has ended, failed or not", async () => {
    const writes = new BackgroundWrites();
    const events: string[] = [];
    const write = (name: string, ms: number, fails = false) =>
      writes.add(async () => {
        events.push(`${name} started`);
        await new Promise((resolve) => setTimeout(resolve, ms));
        events.push(`${name} ended`);
        if (fails) throw new Error(`${name} failed`);
      });
    const pages = write("pages", 30, true);
    pages.catch(() => undefined);
    const emails = write("emails", 5);
    await expect(pages).rejects.toThrow("pages failed");
    await emails;
    expect(events).toEqual(["pages started", "pages ended", "emails started", "emails ended"]);
  });

  it("a write still waiting when the build fails is told at once to start nothing", async () => {
    const writes = new BackgroundWrites();
    const first = writes.add(async (signal) => {
      while (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const waiting = writes.add(async (signal) => signal.aborted);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writes.stop();
    await first;
    expect(await waiting).toBe(true);
  });
});
