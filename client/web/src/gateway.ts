// A clinic's records gateway, from the browser: the same signed challenge as the Rust client's
// `GatewayClient` (`client/medledger-client/src/gateway.rs`), and the release opened only when
// its bytes are the ones the chain holds the hash of.

import { xchacha20poly1305 } from "@noble/ciphers/chacha.js"
import { equalBytes } from "@noble/ciphers/utils.js"
import { blake2b } from "@noble/hashes/blake2.js"
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import type { Keys } from "./crypto/keys.js"
import { ss58Decode, ss58Encode } from "./crypto/ss58.js"

/** What the gateway, or the way to it, refused; `detail` says what to do. */
export class GatewayError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`)
    this.name = "GatewayError"
  }
}

/** A release as the gateway answers `GET /v1/records/{id}`. */
export interface Release {
  record: number
  /** Hex of the content hash the gateway says the record has. */
  content_hash: string
  /** Hex of the sealed box: the record's key (32 bytes), then the stored ciphertext. */
  sealed: string
  grant: number | null
}

/** A record opened: its FHIR resource, released under `grant`. */
export interface OpenedRecord {
  record: number
  resource: unknown
  grant: number | null
}

interface Challenge {
  challenge: string
  expires_in_seconds: number
  custodian: string
}

/** The bytes a request's signature covers (`signed_message` in the Rust client). */
export function signedMessage(custodian: string, challenge: string, method: string, pathAndQuery: string): Uint8Array {
  return utf8ToBytes(`medledger-gateway/v2\n${custodian}\n${challenge}\n${method}\n${pathAndQuery}`)
}

/** An address as the gateway prints it (SS58, prefix 42), or undefined if it is none. */
function canonical(address: string): string | undefined {
  const key = ss58Decode(address)
  return key && ss58Encode(key)
}

/** What a gateway says, shown as its words, never as the portal's: cut short, without links. */
const quoted = (text: string, max: number) =>
  text.replace(/[\p{C}]/gu, " ").replace(/\b(?:https?|javascript|data):\S*/gi, "[link removed]").trim().slice(0, max)

/** The largest answer read from a gateway: a record release is far smaller. */
const MAX_ANSWER = 32 * 1024 * 1024

async function refusal(res: Response): Promise<GatewayError> {
  let title = `HTTP ${res.status}`
  let detail = ""
  try {
    const problem = (await res.json()) as { title?: unknown; detail?: unknown }
    if (typeof problem.title === "string") title = quoted(problem.title, 80)
    if (typeof problem.detail === "string") detail = `the clinic's gateway says: ${quoted(problem.detail, 200)}`
  } catch {
    // Not a problem document: the status says enough.
  }
  const retry = res.headers.get("retry-after")
  if (retry) detail = `${detail}${detail ? " " : ""}(try again in ${retry} s)`
  return new GatewayError(res.status, title, detail)
}

async function reach(url: string, init?: RequestInit): Promise<Response> {
  try {
    const res = await fetch(url, { ...init, redirect: "error", signal: AbortSignal.timeout(30_000) })
    if (Number(res.headers.get("content-length") ?? 0) > MAX_ANSWER) {
      throw new GatewayError(502, "Answer too large", `${new URL(url).origin} sent more than a record: it was not read`)
    }
    return res
  } catch (e) {
    if (e instanceof GatewayError) throw e
    throw new GatewayError(
      0,
      "Gateway unreachable",
      `no answer from ${new URL(url).origin}: the clinic's gateway is down, or it does not accept requests from this portal (its CORS allow-list)`,
    )
  }
}

/** A clinic's gateway at `endpoint` (the URL the clinic registered on chain). */
export class Gateway {
  readonly endpoint: string

  constructor(endpoint: string) {
    const url = new URL(endpoint)
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new GatewayError(0, "Bad gateway address", `${endpoint} is not an http(s) URL`)
    }
    this.endpoint = url.href.replace(/\/+$/, "")
  }

  /** `GET pathAndQuery` signed by `keys` over a fresh challenge. With `custodian`, nothing is
   * signed unless the gateway answers for that clinic. */
  async signedGet(keys: Keys, pathAndQuery: string, custodian?: string): Promise<Response> {
    const res = await reach(`${this.endpoint}/v1/challenges`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ account: keys.account }),
    })
    if (!res.ok) throw await refusal(res)
    const issued = (await res.json()) as Challenge
    const answeredFor = typeof issued.custodian === "string" ? canonical(issued.custodian) : undefined
    if (!answeredFor || !/^[0-9a-f]{64}$/.test(issued.challenge)) {
      throw new GatewayError(502, "Not a MedLedger gateway", `${this.endpoint} answered a challenge MedLedger does not issue`)
    }
    if (custodian !== undefined && answeredFor !== canonical(custodian)) {
      throw new GatewayError(
        421,
        "Wrong clinic",
        `the gateway at ${this.endpoint} answers for ${answeredFor}, not for the record's custodian: nothing was signed`,
      )
    }
    // What the browser sends, percent-encoded as the gateway will see it.
    const url = new URL(pathAndQuery, `${this.endpoint}/`)
    const message = signedMessage(answeredFor, issued.challenge, "GET", url.pathname + url.search)
    const answer = await reach(url.href, {
      headers: {
        "x-medledger-account": keys.account,
        "x-medledger-challenge": issued.challenge,
        "x-medledger-signature": bytesToHex(keys.sign(message)),
      },
    })
    if (!answer.ok) throw await refusal(answer)
    return answer
  }

  /** Record `record`, released for `purpose` (a purpose's name, e.g. `patient-request`). */
  async release(keys: Keys, record: bigint | number, purpose: string, custodian?: string): Promise<Release> {
    const query = new URLSearchParams({ purpose })
    const res = await this.signedGet(keys, `v1/records/${record}?${query}`, custodian)
    return (await res.json()) as Release
  }
}

/** Open a release with the patient's (or requester's) keys, trusting it only if the stored
 * ciphertext hashes to `chainHash`, the content hash the chain holds for the record. */
export function openRelease(keys: Keys, release: Release, chainHash: Uint8Array): OpenedRecord {
  if (typeof release.sealed !== "string" || !/^([0-9a-f]{2})*$/.test(release.sealed)) {
    throw new GatewayError(502, "Unreadable release", "the release is not hex")
  }
  const pkg = keys.open(hexToBytes(release.sealed))
  if (pkg.length < 32 + 24 + 16) throw new GatewayError(502, "Unreadable release", "the release is too short to hold a record")
  const key = pkg.subarray(0, 32)
  const stored = pkg.subarray(32)
  const hash = blake2b(stored, { dkLen: 32 })
  if (!equalBytes(hash, chainHash)) {
    throw new GatewayError(
      502,
      "Record altered",
      `the record's hash ${bytesToHex(hash)} differs from the chain's ${bytesToHex(chainHash)}: do not trust it`,
    )
  }
  let plain: Uint8Array
  try {
    plain = xchacha20poly1305(key, stored.subarray(0, 24)).decrypt(stored.subarray(24))
  } catch {
    throw new GatewayError(502, "Unreadable release", "the record does not decrypt with the key it came with")
  } finally {
    pkg.fill(0)
  }
  let resource: unknown
  try {
    resource = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain))
  } catch {
    throw new GatewayError(502, "Unreadable release", "the record is not JSON")
  }
  return { record: release.record, resource, grant: release.grant }
}
