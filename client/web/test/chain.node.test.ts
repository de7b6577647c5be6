// The portal's chain access against a real development node: polkadot-api with descriptors
// from the committed metadata, transactions signed by the portal's own keys (through the
// chain's own transaction extensions), and the consent runtime API read on finalized blocks.
// Run by `npm run test:node` once the workspace is built (scripts/test.sh).

import { MultiAddress } from "@polkadot-api/descriptors"
import { bytesToHex } from "@noble/hashes/utils.js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { blake2b } from "@noble/hashes/blake2.js"
import { readFileSync } from "node:fs"
import { connect, runsExpectedRuntime, signer, type Chain } from "../src/chain.js"
import { Keys } from "../src/crypto/keys.js"
import { startDevNode, type DevNode } from "./node.js"

const UNIT = 10n ** 12n
/** `lab-results`: the category's bit in a `CategorySet`. */
const LAB_RESULTS = 1 << 4

let node: DevNode
let chain: Chain

beforeAll(async () => {
  node = await startDevNode()
  chain = connect(node.url)
}, 120_000)

afterAll(() => {
  chain?.client.destroy()
  node?.stop()
})

describe("the portal on a development node", () => {
  it("signs only where the node runs the runtime it was typed from", async () => {
    const artifact = readFileSync(new URL("../../medledger-client/artifacts/medledger.scale", import.meta.url))
    expect(await runsExpectedRuntime(chain, bytesToHex(blake2b(artifact, { dkLen: 32 })))).toBe(true)
    expect(await runsExpectedRuntime(chain, "00".repeat(32))).toBe(false)
  })

  it("registers a patient, grants, reads the decision, revokes", async () => {
    const { api } = chain
    const alice = Keys.fromUri("//Alice")
    const bob = Keys.fromUri("//Bob")
    const zoe = Keys.fromUri("legal winner thank year wave sausage worth useful legal winner thank yellow")

    const funded = await api.tx.Balances.transfer_keep_alive({
      dest: MultiAddress.Id(zoe.account),
      value: 10n * UNIT,
    }).signAndSubmit(signer(alice))
    expect(funded.ok).toBe(true)

    const registered = await api.tx.Patients.register({
      encryption_key: `0x${bytesToHex(zoe.encryptionPublic)}`,
    }).signAndSubmit(signer(zoe))
    expect(registered.ok, JSON.stringify(registered.dispatchError)).toBe(true)
    const stored = await api.query.Patients.Patients.getValue(zoe.account)
    expect(stored).toBeDefined()

    const granted = await api.tx.Consent.grant({
      patient: zoe.account,
      grantee: bob.account,
      categories: LAB_RESULTS,
      except: 0,
      purpose: { type: "Treatment", value: undefined },
      access: { type: "Read", value: undefined },
      starts: undefined,
      ends: undefined,
    }).signAndSubmit(signer(zoe))
    expect(granted.ok, JSON.stringify(granted.dispatchError)).toBe(true)

    const grants = await api.apis.ConsentApi.grants(zoe.account)
    expect(grants).toHaveLength(1)
    const [id, grant] = grants[0]!
    expect(grant.grantee).toBe(bob.account)
    expect(grant.categories).toBe(LAB_RESULTS)

    const lab = { type: "LabResults", value: undefined } as const
    const treatment = { type: "Treatment", value: undefined } as const
    const allowed = await api.apis.ConsentApi.access_decision(bob.account, zoe.account, lab, treatment)
    expect(allowed).toEqual({ type: "Allowed", value: { grant: id } })
    const research = { type: "Research", value: undefined } as const
    const otherPurpose = await api.apis.ConsentApi.access_decision(bob.account, zoe.account, lab, research)
    expect(otherPurpose.type).toBe("Denied")

    // Someone else cannot revoke Zoe's grant: the pool turns the transaction away before it
    // costs anything (`InvalidConsentCall::NotAuthorized`, custom code 60).
    const refusal = await api.tx.Consent.revoke({ grant: id }).signAndSubmit(signer(bob)).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(JSON.stringify(refusal)).toContain('"type":"Custom","value":60')
    expect(await api.apis.ConsentApi.grants(zoe.account)).toHaveLength(1)
    // Zoe can, and the grant holds no more once final.
    const revoked = await api.tx.Consent.revoke({ grant: id }).signAndSubmit(signer(zoe))
    expect(revoked.ok, JSON.stringify(revoked.dispatchError)).toBe(true)
    const denied = await api.apis.ConsentApi.access_decision(bob.account, zoe.account, lab, treatment)
    expect(denied.type).toBe("Denied")
  }, 240_000)
})
