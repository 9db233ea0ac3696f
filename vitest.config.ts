import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests build real fixture projects and drive real clients (Chromium, SMTP): give them time.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: one worker per core keeps builds and the browser from starving each other.
    maxWorkers: 2,
  },
});
