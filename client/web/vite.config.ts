import { defineConfig } from "vite"

// Preact's JSX through Vite's own transformer: no framework plugin to keep in step with Vite.
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { target: "es2022", chunkSizeWarningLimit: 2048 },
  preview: { host: "127.0.0.1", strictPort: true },
  server: { host: "127.0.0.1", strictPort: true },
})
