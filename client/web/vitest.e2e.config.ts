import { defineConfig } from "vitest/config"

// The portal in a real Chromium against a real node and gateway: `npm run test:e2e`.
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.test.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
  },
})
