// The shared vectors of the portal and the Rust client (`client/test-vectors/keys.json`; the
// Rust side is `client/medledger-client/tests/vectors.rs`). `npm run bless-vectors` rewrites
// this side's part (`sealed_by_browser`, `signed_by_browser`); the Rust client checks it.

import { readFileSync, writeFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { inspect } from "node:util"
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import { describe, expect, it } from "vitest"
import { append, EMPTY_LOG } from "../src/crypto/disclosures.js"
import { DEV_PHRASE, Keys, verify } from "../src/crypto/keys.js"
import { open as openKeystore, seal as sealKeystore, type KeystoreFile } from "../src/crypto/keystore.js"
import { seal } from "../src/crypto/seal.js"
import { ss58Decode } from "../src/crypto/ss58.js"
import { openRelease, signedMessage, type Release } from "../src/gateway.js"

const file = fileURLToPath(new URL("../../test-vectors/keys.json", import.meta.url))

interface Derived { uri: string; account: string; account_public: string; encryption_public: string; secret: string }
interface Sealed { to: string; message: string; sealed: string }
interface Signed { by: string; message: string; signature: string }
interface Step {
  block: number; record: number; requester: string; grant: number | null; purpose: string
  released_at: number; count: number; head: string
}
interface GatewayMessage { custodian: string; challenge: string; method: string; path_and_query: string; message: string }
interface Released { to: string; content_hash: string; release: Release; resource: unknown }
interface KeystoreVector { uri: string; passphrase: string; file: KeystoreFile }
interface Vectors {
  keys: Derived[]
  keystore_by_rust: KeystoreVector[]
  keystore_by_browser?: KeystoreVector[]
  sealed_by_rust: Sealed[]
  sealed_by_browser?: Sealed[]
  signed_by_rust: Signed[]
  signed_by_browser?: Signed[]
  disclosure_log: Step[]
  names: { categories: string[]; purposes: string[] }
  gateway_messages: GatewayMessage[]
  released_by_rust: Released[]
}

const vectors = JSON.parse(readFileSync(file, "utf8")) as Vectors

if (process.env.MEDLEDGER_BLESS_VECTORS) {
  const recipient = vectors.keys[2]!.uri
  const message = utf8ToBytes("a record key, sealed by the portal")
  vectors.sealed_by_browser = [
    { to: recipient, message: bytesToHex(message), sealed: bytesToHex(seal(Keys.fromUri(recipient).encryptionPublic, message)) },
  ]
  const text = "medledger-gateway/v2\n5Custodian\nchallenge\nGET\n/v1/records/2?purpose=research"
  vectors.signed_by_browser = [
    { by: "//Charlie", message: text, signature: bytesToHex(Keys.fromUri("//Charlie").sign(utf8ToBytes(text))) },
  ]
  const zoe = vectors.keys[1]!.uri
  const passphrase = "correct horse battery staple"
  vectors.keystore_by_browser = [{ uri: zoe, passphrase, file: await sealKeystore(Keys.fromUri(zoe), passphrase) }]
  writeFileSync(file, JSON.stringify(vectors, null, 2) + "\n")
}

describe("the portal and the Rust client", () => {
  it("derive the same account and encryption key from a phrase or secret URI", () => {
    expect(vectors.keys.length).toBeGreaterThan(0)
    for (const expected of vectors.keys) {
      const keys = Keys.fromUri(expected.uri)
      expect({
        uri: expected.uri,
        account: keys.account,
        account_public: bytesToHex(keys.accountPublic),
        encryption_public: bytesToHex(keys.encryptionPublic),
        secret: keys.exportSecret(),
      }).toEqual(expected)
      expect(ss58Decode(keys.account)).toEqual(keys.accountPublic)
    }
  })

  it("open what either sealed, and nothing altered", () => {
    for (const side of [vectors.sealed_by_rust, vectors.sealed_by_browser]) {
      expect(side?.length, "bless the vectors of both sides").toBeGreaterThan(0)
      for (const entry of side ?? []) {
        const keys = Keys.fromUri(entry.to)
        const boxed = hexToBytes(entry.sealed)
        expect(bytesToHex(keys.open(boxed))).toBe(entry.message)
        boxed[40]! ^= 1
        expect(() => keys.open(boxed)).toThrow(/cannot open/)
        expect(() => Keys.fromUri("//Mallory").open(hexToBytes(entry.sealed))).toThrow(/cannot open/)
      }
    }
  })

  it("accept what either signed, for its own message and signer only", () => {
    for (const side of [vectors.signed_by_rust, vectors.signed_by_browser]) {
      expect(side?.length, "bless the vectors of both sides").toBeGreaterThan(0)
      for (const entry of side ?? []) {
        const signer = Keys.fromUri(entry.by).accountPublic
        const signature = hexToBytes(entry.signature)
        expect(verify(utf8ToBytes(entry.message), signature, signer)).toBe(true)
        expect(verify(utf8ToBytes(entry.message + "x"), signature, signer)).toBe(false)
        expect(verify(utf8ToBytes(entry.message), signature, Keys.fromUri("//Mallory").accountPublic)).toBe(false)
      }
    }
  })

  it("open each other's keystore files, and only with the passphrase", async () => {
    for (const side of [vectors.keystore_by_rust, vectors.keystore_by_browser]) {
      expect(side?.length, "bless the vectors of both sides").toBeGreaterThan(0)
      for (const entry of side ?? []) {
        const opened = await openKeystore(entry.file, entry.passphrase)
        const expected = Keys.fromUri(entry.uri)
        expect(opened.account).toBe(expected.account)
        expect(opened.encryptionPublic).toEqual(expected.encryptionPublic)
        await expect(openKeystore(entry.file, "another passphrase")).rejects.toThrow(/wrong passphrase/)
        const planted = { ...entry.file, memory_kib: 4 * 1024 * 1024 }
        await expect(openKeystore(planted, entry.passphrase)).rejects.toThrow(/out of bounds/)
        const swapped = { ...entry.file, account: Keys.fromUri("//Mallory").account }
        await expect(openKeystore(swapped, entry.passphrase)).rejects.toThrow(/damaged/)
      }
    }
  }, 60_000)

  it("sign the same bytes for a gateway request", () => {
    expect(vectors.gateway_messages.length).toBeGreaterThan(0)
    for (const m of vectors.gateway_messages) {
      expect(bytesToHex(signedMessage(m.custodian, m.challenge, m.method, m.path_and_query))).toBe(m.message)
    }
  })

  it("open a gateway's release, and only under the chain's hash", () => {
    expect(vectors.released_by_rust.length).toBeGreaterThan(0)
    for (const r of vectors.released_by_rust) {
      const keys = Keys.fromUri(r.to)
      const opened = openRelease(keys, r.release, hexToBytes(r.content_hash))
      expect(opened.resource).toEqual(r.resource)
      expect(opened.record).toBe(r.release.record)
      const other = hexToBytes(r.content_hash)
      other[0]! ^= 1
      expect(() => openRelease(keys, r.release, other)).toThrow(/differs from the chain's/)
      expect(() => openRelease(Keys.fromUri("//Eve"), r.release, hexToBytes(r.content_hash))).toThrow(/cannot open/)
    }
  })

  it("replay receipts to the chain's running hash of disclosures", () => {
    expect(vectors.disclosure_log.length).toBeGreaterThan(0)
    let log = EMPTY_LOG
    for (const step of vectors.disclosure_log) {
      const purpose = vectors.names.purposes.indexOf(step.purpose)
      expect(purpose).toBeGreaterThanOrEqual(0)
      log = append(log, step.block, {
        record: BigInt(step.record),
        requester: hexToBytes(step.requester),
        grant: step.grant === null ? undefined : BigInt(step.grant),
        purpose,
        released_at: step.released_at,
      })
      expect({ count: log.count, head: bytesToHex(log.head) }).toEqual({ count: step.count, head: step.head })
    }
  })

  it("never give away the phrase or a secret key but on purpose", () => {
    const keys = Keys.fromUri(vectors.keys[1]!.uri)
    const phrase = keys.exportSecret()
    for (const shown of [JSON.stringify(keys), inspect(keys, { showHidden: true }), Object.keys(keys).join()]) {
      expect(shown).not.toContain(phrase.split(" ")[0]!)
    }
    expect(JSON.parse(JSON.stringify(keys))).toEqual({ account: keys.account, encryptionPublic: bytesToHex(keys.encryptionPublic) })
    const sealed = seal(keys.encryptionPublic, utf8ToBytes("note"))
    expect(bytesToHex(keys.open(sealed))).toBe(bytesToHex(utf8ToBytes("note")))
    keys.forget()
    expect(() => keys.open(sealed)).toThrow(/cannot open/)
  })

  it("refuse what is not a phrase", () => {
    expect(() => Keys.fromUri("bottom drive obey lake curtain smoke basket hold race lonely fit fit")).toThrow(/recovery phrase/)
    expect(() => Keys.fromUri("//Alice///password")).toThrow(/passwords/)
    expect(() => Keys.fromUri("")).toThrow(/recovery phrase/)
    // What the Rust client's secret URIs refuse: no keystore file the CLI cannot open.
    expect(() => Keys.fromUri(`${DEV_PHRASE.replace(" ", "\t")}//clinic`)).toThrow(/words and single spaces/)
    expect(Keys.fromUri(`${DEV_PHRASE}//clinic`).account).toBe(Keys.fromUri("//clinic").account)
  })
})
