// The portal's words for the chain's values: category sets, grants, inquiries and dates.

import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { prematureClose, threshold } from "../src/domain/council.js"
import { bits, CATEGORIES, categoriesOf, listWords, nameOf, PURPOSES, variant } from "../src/domain/names.js"
import { fromTyped, Keys } from "../src/crypto/keys.js"
import { seal } from "../src/crypto/seal.js"
import { blocksUntil, clinicNames, covered, dateOfBlock, grantSentence, inForce, inquirySentence, type GrantView } from "../src/domain/phrasing.js"

const vectors = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../test-vectors/keys.json", import.meta.url)), "utf8"),
) as { names: { categories: string[]; purposes: string[] } }

const clock = { block: 1_000, now: Date.UTC(2027, 2, 1, 12) }
const grant = (over: Partial<GrantView> = {}): GrantView => ({
  grantee: "5Grw",
  categories: bits(["lab-results"]),
  except: 0,
  purpose: { type: "Treatment" },
  access: { type: "Read" },
  starts: 900,
  ends: 1_000 + 2 * 14_400,
  revoked_at: undefined,
  origin: { type: "Consent" },
  ...over,
})

describe("names", () => {
  it("are the chain's, in its order (bits and SCALE indices)", () => {
    expect([...CATEGORIES]).toEqual(vectors.names.categories)
    expect([...PURPOSES]).toEqual(vectors.names.purposes)
    expect(bits(["demographics"])).toBe(1)
    expect(bits(["lab-results"])).toBe(1 << 4)
    expect(bits(["substance-use", "lab-results"])).toBe((1 << 13) | (1 << 4))
  })

  it("round-trip between names, bits and the metadata's variants", () => {
    for (const c of CATEGORIES) {
      expect(categoriesOf(bits([c]))).toEqual([c])
      expect(nameOf(variant(c))).toBe(c)
    }
    expect(variant("sexual-and-reproductive-health")).toBe("SexualAndReproductiveHealth")
    expect(nameOf("PatientRequest")).toBe("patient-request")
    expect(categoriesOf(bits([...CATEGORIES]))).toEqual([...CATEGORIES])
  })

  it("refuse an unknown category, and ignore bits the chain does not define", () => {
    expect(() => bits(["lab-result"])).toThrow(/unknown category 'lab-result'/)
    expect(categoriesOf(1 << 20)).toEqual([])
  })

  it("list categories as a sentence does", () => {
    expect(listWords([])).toBe("nothing")
    expect(listWords(["lab-results"])).toBe("lab results")
    expect(listWords(["lab-results", "imaging", "genomics"])).toBe("lab results, imaging and genomics")
  })
})

describe("a grant in words", () => {
  it("says who can read what, why and until when", () => {
    expect(grantSentence(grant(), "Alice Clinic", clock)).toBe(
      "Alice Clinic can read your lab results for treatment until 3 March 2027",
    )
  })

  it("leaves out the exceptions, and says when it has no end", () => {
    const g = grant({ categories: bits(["lab-results", "mental-health"]), except: bits(["mental-health"]), ends: undefined })
    expect(covered(g)).toEqual(["lab-results"])
    expect(grantSentence(g, "Bob", clock)).toBe("Bob can read your lab results for treatment, until you revoke it")
  })

  it("says read and add, a later start, and an emergency opening", () => {
    const g = grant({ access: { type: "ReadAppend" }, starts: 1_000 + 14_400, origin: { type: "BreakGlass" } })
    expect(grantSentence(g, "Dr Bob", clock)).toBe(
      "Dr Bob can read and add to your lab results for treatment from 2 March 2027, 12:00 UTC until 3 March 2027 (opened in an emergency: review it)",
    )
  })

  it("holds from its start, until its end, unless revoked", () => {
    expect(inForce(grant(), clock)).toBe(true)
    expect(inForce(grant({ starts: 1_001 }), clock)).toBe(false)
    expect(inForce(grant({ ends: 1_000 }), clock)).toBe(false)
    expect(inForce(grant({ revoked_at: 990 }), clock)).toBe(false)
  })
})

describe("blocks and dates", () => {
  it("convert at six seconds a block from the finalized head", () => {
    expect(dateOfBlock(clock, 1_010).getTime()).toBe(clock.now + 60_000)
    expect(blocksUntil(clock, new Date(clock.now + 86_400_000))).toBe(14_400)
    expect(blocksUntil(clock, new Date(clock.now - 1))).toBe(1)
  })

  it("word an inquiry's span", () => {
    const i = { categories: bits(["lab-results", "imaging"]), purpose: { type: "Research" }, duration: 30 * 14_400 }
    expect(inquirySentence(i, "Study")).toBe("Study asks to read your lab results and imaging for research, for 30 days")
    expect(inquirySentence({ ...i, duration: 600 }, "Study")).toContain("for 1 hour")
  })
})

describe("names clinics give themselves", () => {
  const a = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
  const b = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"
  it("are shown as written when they are plain", () => {
    expect(clinicNames([[a, "Alice Clinic"]]).get(a)).toBe("Alice Clinic")
  })

  it("lose control and direction characters, and are cut short", () => {
    expect(clinicNames([[a, "Alice\u202e Clinic\u0000"]]).get(a)).toBe("Alice Clinic")
    expect(clinicNames([[a, "x".repeat(100)]]).get(a)).toHaveLength(60)
  })

  it("carry their address when they could pass for someone else", () => {
    expect(clinicNames([[a, "You"]]).get(a)).toBe("You (5Grw…utQY)")
    const twins = clinicNames([[a, "City Hospital"], [b, "city hospital"]])
    expect(twins.get(a)).toBe("City Hospital (5Grw…utQY)")
    expect(twins.get(b)).toBe("city hospital (5FHn…94ty)")
    expect(clinicNames([[a, "\u200b"]]).get(a)).toBe("A clinic (5Grw…utQY)")
  })
})

describe("typed words", () => {
  const phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"
  it("are read in any case, the path as written", () => {
    expect(fromTyped(` ${phrase.toUpperCase()} `, false).account).toBe(Keys.fromUri(phrase).account)
    expect(fromTyped(`${phrase.toUpperCase()}//Clinic`, false).account).toBe(Keys.fromUri(`${phrase}//Clinic`).account)
    expect(fromTyped(`${phrase}//Clinic`, false).account).not.toBe(Keys.fromUri(`${phrase}//clinic`).account)
  })

  it("take development names on a development chain only", () => {
    expect(() => fromTyped("//Alice", false)).toThrow(/development chains only/)
    expect(fromTyped("//Alice", true).account).toBe("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY")
  })
})

describe("the council's two thirds", () => {
  it("are the Rust client's", () => {
    const needed: Array<[number, number]> = [[1, 1], [2, 2], [3, 2], [4, 3], [5, 4], [6, 4], [7, 5]]
    for (const [members, ayes] of needed) expect(threshold(members)).toBe(ayes)
  })

  it("keep a motion open rather than close it away when the council grew", () => {
    expect(prematureClose(2, 2, 6)).toMatch(/needs 4 votes/)
    expect(prematureClose(4, 2, 6)).toBeUndefined()
    expect(prematureClose(1, 2, 6)).toBeUndefined()
  })
})

describe("sealed boxes", () => {
  it("carry an empty message as the Rust client's do, and refuse what is too short", () => {
    const zoe = Keys.fromUri("//Zoe")
    const boxed = seal(zoe.encryptionPublic, new Uint8Array())
    expect(boxed).toHaveLength(48)
    expect(zoe.open(boxed)).toEqual(new Uint8Array())
    expect(() => zoe.open(boxed.subarray(0, 47))).toThrow(/cannot open/)
  })
})
