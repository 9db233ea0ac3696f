import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests build real fixture projects and drive real clients (Chromium, SMTP): give them time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: one worker per core keeps builds and the browser from starving each other.
    maxWorkers: 2,
    // The files of a worker share its loaded modules: castpress's code and Eleventy load once per
    // worker, not once per file, and a test's build in process then costs its own work only.
    // No test may leave global state behind (a spy, process.env): each restores what it changed.
    isolate: false,
  },
});
