// A development node of its own for a test: `$MEDLEDGER_NODE`, else the workspace build's
// `medledger-node` (under `$CARGO_TARGET_DIR`, as scripts/env.sh sets it), on free ports.

import { spawn, type ChildProcess } from "node:child_process"
import { existsSync } from "node:fs"
import { createServer, connect as tcp } from "node:net"
import { join } from "node:path"

export function nodeBinary(): string {
  return process.env.MEDLEDGER_NODE ?? workspaceBinary("medledger-node")
}

/** A binary of the workspace's build. */
export function workspaceBinary(name: string): string {
  const target = process.env.CARGO_TARGET_DIR
  if (!target) throw new Error(`set CARGO_TARGET_DIR (source scripts/env.sh) to find ${name}`)
  return join(target, "debug", name)
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))))
    })
  })
}

export const opens = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = tcp(port, "127.0.0.1", () => (socket.end(), resolve(true)))
    socket.on("error", () => resolve(false))
  })

export interface DevNode {
  url: string
  stop(): void
}

/** Start `medledger-node --dev --tmp` and wait until its RPC answers. */
export async function startDevNode(extra: string[] = []): Promise<DevNode> {
  const binary = nodeBinary()
  if (!existsSync(binary)) throw new Error(`no node at ${binary}: build the workspace first`)
  const [rpc, p2p] = [await freePort(), await freePort()]
  // Listen addresses given replace `--port`: the TCP one is added to them.
  const network = extra.includes("--listen-addr") ? ["--listen-addr", `/ip4/127.0.0.1/tcp/${p2p}`] : ["--port", `${p2p}`]
  const child: ChildProcess = spawn(
    binary,
    ["--dev", "--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns", "--rpc-port", `${rpc}`, ...network, ...extra],
    { stdio: "ignore" },
  )
  const deadline = Date.now() + 90_000
  while (!(await opens(rpc))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("the node's RPC never opened")
    await new Promise((r) => setTimeout(r, 300))
  }
  return { url: `ws://127.0.0.1:${rpc}`, stop: () => child.kill() }
}
