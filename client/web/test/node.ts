// A development node of its own for a test: `$MEDLEDGER_NODE`, else the workspace build's
// `medledger-node` (under `$CARGO_TARGET_DIR`, as scripts/env.sh sets it), on ports of its choosing.

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

/** The line `sc-rpc-server` logs once it listens, before the addresses it listens on. */
const RPC_LISTENING = "Running JSON-RPC server: addr="

/** The IPv4 loopback address in a `Running JSON-RPC server: addr=…` line, if `line` is one. */
export function rpcAddress(line: string): string | undefined {
  const at = line.indexOf(RPC_LISTENING)
  if (at < 0) return undefined
  return line.slice(at + RPC_LISTENING.length).split(/[,\s]+/).find((addr) => addr.startsWith("127.0.0.1:"))
}

/** Start `medledger-node --dev --tmp` and wait until its RPC listens. Its RPC port is the OS's
 * choice (`--rpc-port 0`), read from the line the node logs, so that nothing else can be handed
 * it in between; a failure reports the node's last lines. */
export async function startDevNode(extra: string[] = []): Promise<DevNode> {
  const binary = nodeBinary()
  if (!existsSync(binary)) throw new Error(`no node at ${binary}: build the workspace first`)
  // Listen addresses given replace `--port`: the TCP one is added to them.
  const network = extra.includes("--listen-addr") ? ["--listen-addr", "/ip4/127.0.0.1/tcp/0"] : ["--port", "0"]
  const child: ChildProcess = spawn(
    binary,
    ["--dev", "--tmp", "--no-prometheus", "--no-telemetry", "--no-mdns", "--rpc-port", "0", ...network, ...extra],
    { stdio: ["ignore", "ignore", "pipe"] },
  )
  const log: string[] = []
  const url = await new Promise<string>((resolve, reject) => {
    const failed = (why: string) => reject(new Error(`the node's RPC never opened (${why}):\n${log.slice(-40).join("\n")}`))
    const timer = setTimeout(() => (child.kill(), failed("90 s")), 90_000)
    let pending = ""
    child.stderr!.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n")
      pending = lines.pop() ?? ""
      for (const line of lines) {
        log.push(line)
        if (log.length > 200) log.shift()
        const addr = rpcAddress(line)
        if (addr) (clearTimeout(timer), resolve(`ws://${addr}`))
      }
    })
    child.on("exit", (code) => (clearTimeout(timer), failed(`it exited with ${code}`)))
  })
  return { url, stop: () => child.kill() }
}
