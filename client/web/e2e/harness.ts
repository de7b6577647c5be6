// What the browser tests run against: a development node, a records gateway answering as the
// dev clinic (Alice), and the built portal served on loopback — all on free ports, all stopped
// at the end. Binaries come from the workspace's build (`$CARGO_TARGET_DIR`, scripts/env.sh).

import { spawn, spawnSync, type ChildProcess } from "node:child_process"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { createServer, type Server } from "node:http"
import { tmpdir } from "node:os"
import { extname, join, normalize } from "node:path"
import { fileURLToPath } from "node:url"
import { freePort, nodeBinary, opens, startDevNode, workspaceBinary, type DevNode } from "../test/node.js"

export const STAFF_TOKEN = "e2e-staff-token-0123456789"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
}

/** Serve the built portal (`dist/`) with `/config.json` (the node to use, or for the light
 * client `chainSpec` — then served at `/chain-spec.json`). */
export async function servePortal(node: string, chainSpec?: string): Promise<{ url: string; server: Server }> {
  const dist = fileURLToPath(new URL("../dist/", import.meta.url))
  if (!existsSync(join(dist, "index.html"))) throw new Error("build the portal first: npm run build")
  const port = await freePort()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname
    if (path === "/config.json") {
      res.writeHead(200, { "content-type": "application/json" })
      return res.end(JSON.stringify({ node, dev: true, ...(chainSpec ? { chainSpec: "/chain-spec.json" } : {}) }))
    }
    if (path === "/chain-spec.json" && chainSpec) {
      res.writeHead(200, { "content-type": "application/json" })
      return res.end(chainSpec)
    }
    const file = normalize(join(dist, path === "/" ? "index.html" : path))
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404)
      return res.end()
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
    res.end(readFileSync(file))
  })
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve))
  return { url: `http://127.0.0.1:${port}`, server }
}

export interface GatewayProcess {
  url: string
  stop(): void
}

/** Start `medledger-gateway` as the dev clinic (`//Alice`), a new store in a temporary dir,
 * letting pages of `origin` call it. */
export async function startGateway(node: string, origin: string): Promise<GatewayProcess> {
  const binary = process.env.MEDLEDGER_GATEWAY ?? workspaceBinary("medledger-gateway")
  if (!existsSync(binary)) throw new Error(`no gateway at ${binary}: build the workspace first`)
  const dir = mkdtempSync(join(tmpdir(), "medledger-e2e-gateway-"))
  const port = await freePort()
  const child: ChildProcess = spawn(
    binary,
    [
      "--listen", `127.0.0.1:${port}`,
      "--node", node,
      "--database", `sqlite://${join(dir, "gateway.db")}`,
      "--master-key", join(dir, "master.key"),
      "--init",
      "--report-every", "2",
      "--cors-origin", origin,
    ],
    {
      env: { ...process.env, MEDLEDGER_GATEWAY_IDENTITY: "//Alice", MEDLEDGER_GATEWAY_STAFF_TOKEN: STAFF_TOKEN },
      stdio: ["ignore", "ignore", process.env.MEDLEDGER_E2E_VERBOSE ? "inherit" : "ignore"],
    },
  )
  const deadline = Date.now() + 60_000
  while (!(await opens(port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the gateway never listened")
    await new Promise((r) => setTimeout(r, 300))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      child.kill()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** The peer id of node key `…01`, which the dev node uses here (`medledger-node key
 * inspect-node-key`). */
const PEER_ID = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"

/** A dev node with the state of every finalized block kept (the disclosure replay reads it),
 * listening for browser peers on a WebSocket address; and the raw chain spec naming it as boot
 * node, for a light client in the browser. */
export async function startArchiveNode(): Promise<DevNode & { chainSpec: string }> {
  const ws = await freePort()
  const node = await startDevNode([
    "--state-pruning", "archive-canonical",
    "--node-key", "0000000000000000000000000000000000000000000000000000000000000001",
    "--listen-addr", `/ip4/127.0.0.1/tcp/${ws}/ws`,
  ])
  const spec = spawnSync(nodeBinary(), ["export-chain-spec", "--chain", "dev", "--raw"], { encoding: "utf8", maxBuffer: 64 << 20 })
  if (spec.status !== 0) throw new Error(`export-chain-spec failed: ${spec.stderr}`)
  const chainSpec = JSON.parse(spec.stdout) as { bootNodes: string[] }
  chainSpec.bootNodes = [`/ip4/127.0.0.1/tcp/${ws}/ws/p2p/${PEER_ID}`]
  return { ...node, chainSpec: JSON.stringify(chainSpec) }
}
