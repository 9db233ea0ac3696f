import { describe, expect, it } from "vitest";
import { fewAtOnce } from "../../src/files/few-at-once.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("fewAtOnce", () => {
  it("does every item, never more than the given number at a time", async () => {
    const items = Array.from({ length: 25 }, (_, index) => index);
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await fewAtOnce(items, 4, async (item) => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      done.push(item);
    });
    expect(done.sort((a, b) => a - b)).toEqual(items);
    expect(most).toBe(4);
  });

  it("after a failure starts nothing new, and throws it once the work under way has ended", async () => {
    const started: number[] = [];
    let running = 0;
    const failure = fewAtOnce(Array.from({ length: 20 }, (_, index) => index), 3, async (item) => {
      started.push(item);
      running++;
      await tick();
      running--;
      if (item === 1) throw new Error("disk full");
    });
    await expect(failure).rejects.toThrow("disk full");
    expect(running).toBe(0);
    expect(started.length).toBeLessThan(6);
  });

  it("resolves to each item's result in the items' order, whichever ends first", async () => {
    const delays = [30, 5, 20, 1, 10];
    const results = await fewAtOnce(delays, 3, async (delay) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      return `waited ${delay} ms`;
    });
    expect(results).toEqual(delays.map((delay) => `waited ${delay} ms`));
  });

  it("starts nothing once told to stop", async () => {
    const started: number[] = [];
    await fewAtOnce([1, 2, 3, 4], 1, async (item) => void started.push(item), () => started.length === 2);
    expect(started).toEqual([1, 2]);
  });
});
