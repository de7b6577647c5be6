import { defineConfig } from "vitest/config"

// The tests that need a node binary: `npm run test:node`.
export default defineConfig({
  test: { environment: "node", include: ["test/**/*.node.test.ts"], testTimeout: 240_000 },
})
