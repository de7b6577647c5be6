// The patient's flow and the council's, in a real headless Chromium (Debian's, driven by
// playwright-core) against a real development node and records gateway: a patient creates
// keys, registers, grants a doctor lab results; the clinic (the record's custodian) uploads an
// Observation; the patient sees it, opens it in the browser (hash checked against the chain,
// decrypted there, shown as readable FHIR) and sees the disclosure accounted for; the doctor
// reads it at the clinic's gateway; the patient revokes, and the doctor's next fetch is
// refused; then the dev clinic, in the staff view, admits a new clinic. (The custodian itself
// needs no grant: it holds the record already.)
// Screenshots of each screen go to `$MEDLEDGER_SCREENSHOTS` (default: under the target dir).

import { MultiAddress } from "@polkadot-api/descriptors"
import { Enum } from "polkadot-api"
import { blake2b } from "@noble/hashes/blake2.js"
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import { mkdirSync, readFileSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { connect, signer, type Chain } from "../src/chain.js"
import { Keys } from "../src/crypto/keys.js"
import { bits } from "../src/domain/names.js"
import { shortAddress } from "../src/domain/phrasing.js"
import { Gateway, GatewayError, openRelease } from "../src/gateway.js"
import type { DevNode } from "../test/node.js"
import { servePortal, startArchiveNode, startGateway, STAFF_TOKEN, type GatewayProcess } from "./harness.js"

const UNIT = 10n ** 12n
const shots = process.env.MEDLEDGER_SCREENSHOTS ?? join(process.env.CARGO_TARGET_DIR ?? "/tmp", "portal-screenshots")

let node: DevNode & { chainSpec: string }

/** What a polkadot.js-style wallet is asked to sign (the fields this runtime's extensions use). */
interface PjsPayload {
  method: string
  era: string
  nonce: string
  tip: string
  specVersion: string
  transactionVersion: string
  genesisHash: string
  blockHash: string
}

/** SCALE compact encoding of a small unsigned integer. */
function compact(n: bigint): Uint8Array {
  if (n < 1n << 6n) return Uint8Array.of(Number(n << 2n))
  if (n < 1n << 14n) return Uint8Array.of(Number(((n << 2n) | 1n) & 0xffn), Number((n << 2n) >> 8n))
  if (n < 1n << 30n) {
    const out = new Uint8Array(4)
    new DataView(out.buffer).setUint32(0, Number((n << 2n) | 2n), true)
    return out
  }
  throw new Error("not needed here")
}

const u32 = (n: bigint) => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, Number(n), true)
  return out
}

/** The bytes a wallet signs for this runtime's transaction extensions, in their order:
 * call, then era, nonce, tip, metadata-hash mode; then spec and transaction versions, genesis,
 * the era's block, no metadata hash. Over 256 bytes, their BLAKE2-256. */
function pjsSigningBytes(p: PjsPayload): Uint8Array {
  const hex = (h: string) => hexToBytes(h.slice(2))
  const bytes = concatBytes(
    hex(p.method),
    hex(p.era),
    compact(BigInt(p.nonce)),
    compact(BigInt(p.tip)),
    Uint8Array.of(0),
    u32(BigInt(p.specVersion)),
    u32(BigInt(p.transactionVersion)),
    hex(p.genesisHash),
    hex(p.blockHash),
    Uint8Array.of(0),
  )
  return bytes.length > 256 ? blake2b(bytes, { dkLen: 32 }) : bytes
}
let chain: Chain
let gateway: GatewayProcess
let portal: Awaited<ReturnType<typeof servePortal>>
let browser: Browser
let page: Page

const alice = Keys.fromUri("//Alice")
/** A researcher: asks, and reads what the patient approves. */
const researcher = Keys.fromUri("//Eve")
/** A doctor outside the clinic: reads only under the patient's grant. */
const doctor = Keys.fromUri("//Bob")
const doctorShown = "5FHn…94ty"

const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

/** A screenshot of the screen, and an accessibility audit of it (axe-core): no serious or
 * critical violation. */
async function shot(name: string) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true })
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axe })
  const violations = await page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact?: string; help: string; nodes: Array<{ target: unknown }> }> }
    const run = (window as unknown as { axe: { run(c: Document, o: object): Promise<Result> } }).axe.run
    const result = await run(document, { resultTypes: ["violations"] })
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target))}`)
  })
  expect(violations, `accessibility of ${name}`).toEqual([])
}

beforeAll(async () => {
  rmSync(shots, { recursive: true, force: true })
  mkdirSync(shots, { recursive: true })
  node = await startArchiveNode()
  chain = connect(node.url)
  portal = await servePortal(node.url)
  gateway = await startGateway(node.url, portal.url)
  // The dev clinic's gateway is where this test started it.
  const moved = await chain.api.tx.Providers.set_endpoint({ endpoint: utf8ToBytes(gateway.url) }).signAndSubmit(signer(alice))
  expect(moved.ok, JSON.stringify(moved.dispatchError)).toBe(true)
  // The doctor publishes an encryption key (registering as a patient does): releases are sealed to it.
  const published = await chain.api.tx.Patients.register({ encryption_key: `0x${bytesToHex(doctor.encryptionPublic)}` }).signAndSubmit(signer(doctor))
  expect(published.ok, JSON.stringify(published.dispatchError)).toBe(true)
  browser = await chromium.launch({
    executablePath: process.env.MEDLEDGER_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  })
  // Phone width: the portal must work there.
  page = await browser.newPage({ viewport: { width: 390, height: 844 } })
  page.on("pageerror", (e) => console.error("page error:", e.message))
}, 300_000)

afterAll(async () => {
  await browser?.close()
  gateway?.stop()
  portal?.server.close()
  chain?.client.destroy()
  node?.stop()
})

describe("the portal in Chromium", () => {
  let patient = ""
  let words = ""
  let record = 0n

  /** Lock the portal and unlock it again as `who` (12 words, or a development name). */
  async function signInAs(who: string) {
    await page.getByRole("button", { name: "Lock", exact: true }).click()
    await page.getByRole("button", { name: "I have my 12 words" }).click()
    await page.getByLabel("Your 12 words").fill(who)
    await page.getByLabel("A passphrase for this browser").fill("a passphrase for this test")
    await page.getByRole("button", { name: "Use these words" }).click()
    await page.locator("header .account").waitFor()
  }

  it("creates a patient's keys in the browser and registers", async () => {
    await page.goto(portal.url)
    await page.getByText(/Final block #\d+/).waitFor()
    await page.getByRole("button", { name: "Create my keys" }).click()
    await expect.poll(() => page.locator("ol.words li").count()).toBe(12)
    words = (await page.locator("ol.words li").allTextContents()).join(" ")
    await shot("01-new-keys")
    await page.getByLabel("A passphrase for this browser").fill("correct horse battery staple")
    await page.getByRole("button", { name: "I wrote them down: keep my keys" }).click()
    patient = (await page.locator("header .account").textContent()) ?? ""
    expect(patient).toMatch(/^5[1-9A-HJ-NP-Za-km-z]{46,47}$/)
    // The dev clinic funds the new patient's deposit.
    const funded = await chain.api.tx.Balances.transfer_keep_alive({ dest: MultiAddress.Id(patient), value: 5n * UNIT }).signAndSubmit(signer(alice))
    expect(funded.ok).toBe(true)
    await page.getByTestId("balance").getByText(/^5\.000 MED$/).waitFor()
    await shot("02-register")
    await page.getByRole("button", { name: "Register" }).click()
    await page.getByRole("heading", { name: "Who can see what now" }).waitFor({ timeout: 120_000 })
    expect(await chain.api.query.Patients.Patients.getValue(patient)).toBeDefined()
    await page.getByText(/^No grant is in force/).waitFor()
    await shot("03-patient")
  })

  it("grants a doctor lab results for treatment", async () => {
    // The clinics are offered by name, with their address.
    await expect.poll(() => page.getByLabel("Or choose a clinic").locator("option").allTextContents()).toContain("Alice Clinic — 5Grw…utQY")
    await page.getByLabel("Who", { exact: true }).fill(doctor.account)
    await page.getByRole("group", { name: "What they may read" }).getByLabel("lab results").check()
    await page.getByLabel("Why").selectOption("treatment")
    await page.getByRole("button", { name: "Grant", exact: true }).click()
    await page.getByTestId("grant").getByText(`${doctorShown} can read your lab results for treatment, until you revoke it.`).waitFor({ timeout: 120_000 })
    await shot("04-granted")
  })

  it("shows the clinic's new record, opens it in the browser, and accounts for the disclosure", async () => {
    const observation = {
      resourceType: "Observation",
      status: "final",
      category: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/observation-category", code: "laboratory" }] }],
      code: { coding: [{ system: "http://loinc.org", code: "4548-4", display: "Hemoglobin A1c/Hemoglobin.total in Blood" }], text: "HbA1c" },
      subject: { reference: "Patient/demo" },
      effectiveDateTime: "2026-11-20",
      valueQuantity: { value: 6.1, unit: "%", system: "http://unitsofmeasure.org", code: "%" },
      referenceRange: [{ low: { value: 4, unit: "%" }, high: { value: 5.6, unit: "%" } }],
    }
    const res = await fetch(`${gateway.url}/v1/records?patient=${patient}`, {
      method: "POST",
      headers: { authorization: `Bearer ${STAFF_TOKEN}`, "content-type": "application/fhir+json" },
      body: JSON.stringify(observation),
    })
    const uploaded = (await res.json()) as { status: string; record: number }
    expect(res.ok, JSON.stringify(uploaded)).toBe(true)
    record = BigInt(uploaded.record)

    // Told as it arrives, from the finalized block that registered it.
    await page.getByRole("log", { name: "Notifications" }).getByText(`New record #${record} kept by Alice Clinic.`).waitFor({ timeout: 120_000 })
    const item = page.getByTestId("record").filter({ hasText: `record #${record}` })
    await item.getByText("Observation (lab results)").waitFor({ timeout: 120_000 })
    await shot("05-records")
    await item.getByRole("button", { name: "Open" }).click()
    const opened = item.getByTestId("opened-record")
    await opened.getByRole("heading", { name: "HbA1c" }).waitFor({ timeout: 60_000 })
    await expect.poll(() => opened.textContent()).toContain("6.1 %")
    await expect.poll(() => opened.textContent()).toContain("Matches the hash the chain holds")
    await shot("06-record-opened")

    // The gateway reports the release; the patient sees it, checked against the chain's log.
    await page.getByTestId("disclosure").filter({ hasText: `record #${record} for your own request` }).waitFor({ timeout: 120_000 })
    await page.getByTestId("disclosure-check").getByText(/^✓ 1 disclosure: the whole list/).waitFor({ timeout: 60_000 })
    await page.locator("#disclosures").scrollIntoViewIfNeeded()
    await shot("07-disclosures")
  })

  it("revokes in one click, and the doctor's next fetch is refused", async () => {
    const clinic = new Gateway(gateway.url)
    const before = await clinic.release(doctor, record, "treatment", alice.account)
    expect(before.record).toBe(Number(record))
    expect(before.grant).not.toBeNull()
    const summary = await chain.api.query.Records.DocumentSets.getValue(record)
    const opened = openRelease(doctor, before, hexToBytes(summary!.content_hash.slice(2)))
    expect((opened.resource as { code: { text: string } }).code.text).toBe("HbA1c")

    await page.getByTestId("grant").getByRole("button", { name: "Revoke" }).click()
    await page.getByRole("log", { name: "Notifications" }).getByText(`Revoked: ${doctorShown} can no longer read your records (final).`).waitFor({ timeout: 120_000 })
    await shot("08-revoked")
    // Refused as soon as the revocation is final; the gateway says no more than "not found".
    const refused = await clinic.release(doctor, record, "treatment", alice.account).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(refused).toBeInstanceOf(GatewayError)
    expect((refused as GatewayError).status).toBe(404)
    await page.getByText(/^No grant is in force/).waitFor({ timeout: 60_000 })
  })

  it("answers an inquiry narrower than asked", async () => {
    const asked = await chain.api.tx.Consent.inquire({
      patient,
      categories: bits(["lab-results", "imaging"]),
      purpose: Enum("Research"),
      duration: 14_400 * 30,
      note: utf8ToBytes("HbA1c trends study"),
    }).signAndSubmit(signer(researcher))
    expect(asked.ok, JSON.stringify(asked.dispatchError)).toBe(true)
    await page.getByRole("log", { name: "Notifications" }).getByText(`New inquiry from ${shortAddress(researcher.account)}: answer it below.`).waitFor({ timeout: 60_000 })
    const inquiry = page.getByTestId("inquiry")
    await inquiry.getByText(`${shortAddress(researcher.account)} asks to read your lab results and imaging for research, for 30 days`).waitFor({ timeout: 60_000 })
    await shot("09-inquiry")
    await inquiry.getByRole("group", { name: "Approve only these" }).getByLabel("imaging").uncheck()
    await inquiry.getByRole("button", { name: "Approve" }).click()
    await page
      .getByTestId("grant")
      .getByText(new RegExp(`^${shortAddress(researcher.account)} can read your lab results for research until `))
      .waitFor({ timeout: 120_000 })
    const [, grant] = (await chain.api.apis.ConsentApi.grants(patient)).find(([, g]) => g.grantee === researcher.account)!
    expect(grant.categories & ~grant.except).toBe(bits(["lab-results"]))
  })

  it("lets the council admit a clinic from the staff view", async () => {
    const charlie = Keys.fromUri("//Charlie")
    const applied = await chain.api.tx.Providers.apply({
      name: utf8ToBytes("Charlie Lab"),
      endpoint: utf8ToBytes("https://lab.charlie.example"),
      encryption_key: `0x${bytesToHex(charlie.encryptionPublic)}`,
    }).signAndSubmit(signer(charlie))
    expect(applied.ok, JSON.stringify(applied.dispatchError)).toBe(true)

    await signInAs("//Alice")
    await page.getByRole("button", { name: "Clinic staff" }).click()
    const application = page.getByTestId("application").filter({ hasText: "Charlie Lab" })
    await application.waitFor({ timeout: 60_000 })
    await shot("10-council")
    await application.getByRole("button", { name: "Propose to admit" }).click()
    await page.getByRole("log", { name: "Notifications" }).getByText(/^The council carried: admit /).waitFor({ timeout: 120_000 })
    await page.getByTestId("provider").filter({ hasText: "Charlie Lab — active" }).waitFor({ timeout: 60_000 })
    await shot("11-admitted")
    const admitted = await chain.api.query.Providers.Providers.getValue(charlie.account)
    expect(admitted?.status.type).toBe("Active")
  })

  it("lets a practitioner break the glass, and the patient ask the council to review it", async () => {
    const dave = Keys.fromUri("//Dave")
    const offered = await chain.api.tx.Providers.offer_employment({ practitioner: dave.account }).signAndSubmit(signer(alice))
    expect(offered.ok, JSON.stringify(offered.dispatchError)).toBe(true)
    const accepted = await chain.api.tx.Providers.accept_employment({ provider: alice.account }).signAndSubmit(signer(dave))
    expect(accepted.ok, JSON.stringify(accepted.dispatchError)).toBe(true)

    await signInAs("//Dave")
    await page.getByRole("button", { name: "Clinic staff" }).click()
    await page.getByText("You are a practitioner of Alice Clinic.").waitFor({ timeout: 60_000 })
    const form = page.locator("#break-glass")
    await form.getByLabel("The patient's address").fill(patient)
    await form.getByLabel("Why (required)").fill("Unconscious on arrival at the emergency department; allergies unknown.")
    await form.getByRole("button", { name: "Open emergency access" }).click()
    await form.getByText("✓ Opened").waitFor({ timeout: 120_000 })
    await shot("12-break-glass")

    await signInAs(words)
    const emergency = page.getByTestId("grant").filter({ hasText: "(opened in an emergency: review it)" })
    await emergency.getByText(new RegExp(`^${shortAddress(dave.account)} can read your `)).waitFor({ timeout: 60_000 })
    await emergency.getByRole("button", { name: "Ask the council to review" }).click()
    await emergency.getByText("You asked the council to review this emergency access.").waitFor({ timeout: 120_000 })
    await shot("13-emergency-flagged")
  })

  it("appoints a representative, then closes the account", async () => {
    // Signed in as the patient since the break-glass test.
    expect(await page.locator("header .account").textContent()).toBe(patient)
    const reps = page.locator("#representatives")
    await reps.getByLabel("Appoint (their address)").fill(doctor.account)
    await reps.getByLabel("To do").selectOption("ViewRecords")
    await reps.getByLabel("On what basis").fill("power of attorney of 2 May 2026")
    await reps.getByRole("button", { name: "Appoint", exact: true }).click()
    await reps.getByText(`${doctorShown} may act for you: reading your records only.`).waitFor({ timeout: 120_000 })
    const representation = await chain.api.query.Patients.Representatives.getValue(patient, doctor.account)
    expect(representation?.scope.type).toBe("ViewRecords")
    await shot("14-representative")

    const close = page.locator("#close")
    await expect.poll(() => close.getByRole("button", { name: "Close my account" }).isDisabled()).toBe(true)
    await close.getByLabel("I understand: every grant ends now.").check()
    await close.getByRole("button", { name: "Close my account" }).click()
    await page.getByRole("heading", { name: "Register as a patient" }).waitFor({ timeout: 120_000 })
    expect(await chain.api.query.Patients.Patients.getValue(patient)).toBeUndefined()
    expect(await chain.api.apis.ConsentApi.access_decision(researcher.account, patient, Enum("LabResults"), Enum("Research"))).toMatchObject({ type: "Denied" })
    await shot("15-closed")
  })

  it("signs with a browser wallet, which holds only the account", async () => {
    const ferdie = Keys.fromUri("//Ferdie")
    const registered = await chain.api.tx.Patients.register({ encryption_key: `0x${bytesToHex(ferdie.encryptionPublic)}` }).signAndSubmit(signer(ferdie))
    expect(registered.ok, JSON.stringify(registered.dispatchError)).toBe(true)
    const before = page
    page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    let signed = 0
    // A wallet as extensions inject themselves (`window.injectedWeb3`), signing in this process
    // what the page asks it to: the payload rebuilt from the JSON the polkadot.js API sends.
    await page.exposeFunction("medledgerTestWalletSign", (payload: PjsPayload) => {
      signed++
      return { id: signed, signature: `0x01${bytesToHex(ferdie.sign(pjsSigningBytes(payload)))}` }
    })
    await page.addInitScript((address: string) => {
      const account = { address, name: "Ferdie (test wallet)", type: "sr25519" }
      const sign = (window as unknown as { medledgerTestWalletSign(p: unknown): Promise<unknown> }).medledgerTestWalletSign
      ;(window as unknown as { injectedWeb3: unknown }).injectedWeb3 = {
        "polkadot-js": {
          version: "0.0.0-test",
          enable: async () => ({
            accounts: { get: async () => [account], subscribe: (cb: (a: unknown[]) => void) => (cb([account]), () => {}) },
            signer: { signPayload: (p: unknown) => sign(p), signRaw: async () => Promise.reject(new Error("not in this test")) },
          }),
        },
      }
    }, ferdie.account)
    try {
      await page.goto(portal.url)
      await page.getByRole("button", { name: "Use a browser wallet" }).click()
      await page.getByRole("button", { name: "polkadot-js" }).click()
      await page.getByRole("button", { name: "Ferdie (test wallet)" }).click()
      await page.getByText("(browser wallet)").waitFor()
      await page.getByLabel("Who", { exact: true }).fill(doctor.account)
      await page.getByRole("group", { name: "What they may read" }).getByLabel("vital signs").check()
      await page.getByRole("button", { name: "Grant", exact: true }).click()
      await page.getByTestId("grant").getByText(`${doctorShown} can read your vital signs for treatment, until you revoke it.`).waitFor({ timeout: 120_000 })
      expect(signed).toBe(1)
      await shot("16-wallet")
    } finally {
      await page.close()
      page = before
    }
  })

  it("follows the chain in the browser with a light client, and reads the same", async () => {
    const light = await servePortal(node.url, node.chainSpec)
    const before = page
    page = await browser.newPage({ viewport: { width: 390, height: 844 } })
    page.on("pageerror", (e) => console.error("light page error:", e.message))
    try {
      await page.goto(light.url)
      // smoldot syncs from genesis over the node's WebSocket listen address, GRANDPA-checked,
      // until it has the block the full node had finalized when this test began.
      const target = (await chain.client.getFinalizedBlock()).number
      const head = page.getByText(/Final block #\d+ \(light client\)/)
      await head.waitFor({ timeout: 240_000 })
      await expect
        .poll(async () => Number(/#(\d+)/.exec((await head.textContent()) ?? "")?.[1] ?? 0), { timeout: 400_000, interval: 2_000 })
        .toBeGreaterThanOrEqual(target)
      await page.getByRole("button", { name: "I have my 12 words" }).click()
      await page.getByLabel("Your 12 words").fill("//Alice")
      await page.getByLabel("A passphrase for this browser").fill("a passphrase for this test")
      await page.getByRole("button", { name: "Use these words" }).click()
      await page.getByRole("button", { name: "Clinic staff" }).click()
      // Read through the light client: the clinic admitted above, and transactions allowed
      // (the runtime's metadata checked through it too).
      const admitted = page.getByTestId("provider").filter({ hasText: "Charlie Lab — active" })
      await admitted.waitFor({ timeout: 120_000 })
      await expect.poll(() => admitted.getByRole("button", { name: "Propose to suspend" }).isEnabled(), { timeout: 60_000 }).toBe(true)
      await shot("17-light-client")
    } finally {
      await page.close()
      page = before
      light.server.close()
    }
  }, 900_000)
})
