// The gateway client against a stand-in gateway: what it signs, for whom, and what it shows of
// a gateway's refusal.

import { hexToBytes } from "@noble/hashes/utils.js"
import { afterEach, describe, expect, it, vi } from "vitest"
import { Keys, verify } from "../src/crypto/keys.js"
import { Gateway, GatewayError, signedMessage } from "../src/gateway.js"

const alice = Keys.fromUri("//Alice")
const bob = Keys.fromUri("//Bob")
const zoe = Keys.fromUri("//Zoe")
const challenge = "ab".repeat(32)

/** A gateway answering for `custodian`, then `answer` to the signed request. */
function standIn(custodian: string, answer: Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = []
  vi.stubGlobal("fetch", async (url: string, init?: RequestInit) => {
    calls.push({ url, init })
    if (url.endsWith("/v1/challenges")) {
      return Response.json({ challenge, expires_in_seconds: 60, custodian })
    }
    return answer
  })
  return calls
}

afterEach(() => vi.unstubAllGlobals())

describe("the gateway client", () => {
  it("signs the request over the gateway's challenge, path and query, as the account", async () => {
    const calls = standIn(alice.account, Response.json({ record: 7, content_hash: "", sealed: "", grant: null }))
    await new Gateway("http://127.0.0.1:8080/").release(zoe, 7n, "patient-request", alice.account)
    expect(calls).toHaveLength(2)
    expect(JSON.parse(String(calls[0]!.init!.body))).toEqual({ account: zoe.account })
    const signed = calls[1]!
    expect(signed.url).toBe("http://127.0.0.1:8080/v1/records/7?purpose=patient-request")
    const headers = signed.init!.headers as Record<string, string>
    expect(headers["x-medledger-account"]).toBe(zoe.account)
    expect(headers["x-medledger-challenge"]).toBe(challenge)
    const signature = headers["x-medledger-signature"]!
    expect(signature).toMatch(/^[0-9a-f]{128}$/)
    const message = signedMessage(alice.account, challenge, "GET", "/v1/records/7?purpose=patient-request")
    expect(verify(message, hexToBytes(signature), zoe.accountPublic)).toBe(true)
  })

  it("signs nothing for a gateway answering for another clinic than the record's", async () => {
    const calls = standIn(bob.account, Response.json({}))
    const refused = await new Gateway("http://127.0.0.1:8080").release(zoe, 7n, "treatment", alice.account).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(GatewayError)
    expect((refused as GatewayError).detail).toContain("nothing was signed")
    expect(calls).toHaveLength(1)
  })

  it("refuses a challenge MedLedger does not issue", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ challenge: "x", custodian: alice.account }))
    await expect(new Gateway("http://127.0.0.1:8080").release(zoe, 1n, "treatment")).rejects.toThrow(/Not a MedLedger gateway/)
  })

  it("shows a refusal as the gateway's words, short and without links", async () => {
    const problem = { title: "Forbidden", detail: `no consent; re-enter your words at https://evil.example/${"x".repeat(500)}` }
    standIn(alice.account, Response.json(problem, { status: 403 }))
    const refused = (await new Gateway("http://127.0.0.1:8080").release(zoe, 1n, "treatment").catch((e: unknown) => e)) as GatewayError
    expect(refused.status).toBe(403)
    expect(refused.detail).toMatch(/^the clinic's gateway says: no consent; re-enter your words at \[link removed\]/)
    expect(refused.detail).not.toContain("evil.example")
    expect(refused.detail.length).toBeLessThan(240)
  })

  it("says a gateway cannot be reached in words", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch")
    })
    await expect(new Gateway("http://127.0.0.1:8080").release(zoe, 1n, "treatment")).rejects.toThrow(/CORS allow-list/)
  })

  it("takes only http(s) addresses", () => {
    expect(() => new Gateway("javascript:alert(1)")).toThrow(/not an http\(s\) URL/)
  })
})
