import { blake2b } from "@noble/hashes/blake2.js"
import { bytesToHex } from "@noble/hashes/utils.js"
import { readFileSync } from "node:fs"
import { defineConfig } from "vite"

// The runtime metadata the portal is typed from (the Rust client's committed artifact): its
// hash goes into the build, and the portal signs nothing on a node whose metadata differs.
const metadata = readFileSync(new URL("../medledger-client/artifacts/medledger.scale", import.meta.url))

// Preact's JSX through Vite's own transformer: no framework plugin to keep in step with Vite.
export default defineConfig({
  define: { __MEDLEDGER_METADATA_HASH__: JSON.stringify(bytesToHex(blake2b(metadata, { dkLen: 32 }))) },
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { target: "es2022", chunkSizeWarningLimit: 2048 },
  preview: { host: "127.0.0.1", strictPort: true },
  server: { host: "127.0.0.1", strictPort: true },
})
