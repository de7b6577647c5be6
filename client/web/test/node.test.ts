import { describe, expect, it } from "vitest"
import { rpcAddress } from "./node.js"

describe("a test's own node", () => {
  it("is found at the RPC address its log names", () => {
    expect(rpcAddress("2026-11-23 11:00:00 Running JSON-RPC server: addr=127.0.0.1:40123,")).toBe("127.0.0.1:40123")
    expect(rpcAddress("Running JSON-RPC server: addr=[::1]:40999,127.0.0.1:40123")).toBe("127.0.0.1:40123")
    expect(rpcAddress("Running JSON-RPC server: addr=[::1]:40999,")).toBeUndefined()
    expect(rpcAddress("💤 Idle (0 peers), best: #3")).toBeUndefined()
  })
})
