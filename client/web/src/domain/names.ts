// The chain's domain values in words: the names the Rust client and the docs use
// (`pallets/primitives/src/names.rs`, held alike by the shared vectors), the bits of a
// `CategorySet`, and the words a patient reads.

/** Record categories in the order of their SCALE index: a category's bit in a `CategorySet`
 * is its index. */
export const CATEGORIES = [
  "demographics",
  "allergies",
  "medications",
  "conditions",
  "lab-results",
  "vital-signs",
  "imaging",
  "immunizations",
  "procedures",
  "clinical-notes",
  "mental-health",
  "sexual-and-reproductive-health",
  "genomics",
  "substance-use",
] as const
export type Category = (typeof CATEGORIES)[number]

/** Purposes in the order of their SCALE index. */
export const PURPOSES = [
  "treatment",
  "emergency-treatment",
  "research",
  "payment",
  "family-care",
  "patient-request",
  "public-health",
] as const
export type Purpose = (typeof PURPOSES)[number]

/** The sensitive categories: the UI asks for them apart, never by default. */
export const SENSITIVE: readonly Category[] = ["mental-health", "sexual-and-reproductive-health", "genomics", "substance-use"]

/** The enum variant the chain's metadata names (`lab-results` → `LabResults`). */
export const variant = (name: string): string => name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())

/** The name of an enum variant (`LabResults` → `lab-results`). */
export const nameOf = (variantName: string): string => variantName.replace(/[A-Z]/g, (c, i: number) => (i ? "-" : "") + c.toLowerCase())

/** A category in a sentence: "lab results", "sexual and reproductive health". */
export const categoryWords = (c: string): string => c.replace(/-/g, " ")

const PURPOSE_WORDS: Record<Purpose, string> = {
  treatment: "treatment",
  "emergency-treatment": "emergency treatment",
  research: "research",
  payment: "payment",
  "family-care": "family care",
  "patient-request": "your own request",
  "public-health": "public health",
}

/** A purpose in a sentence: "for treatment", "for your own request". */
export const purposeWords = (p: string): string => PURPOSE_WORDS[p as Purpose] ?? p.replace(/-/g, " ")

/** The bit set of categories. Throws on an unknown name. */
export function bits(categories: readonly string[]): number {
  let set = 0
  for (const c of categories) {
    const index = CATEGORIES.indexOf(c as Category)
    if (index < 0) throw new Error(`unknown category '${c}': one of ${CATEGORIES.join(", ")}`)
    set |= 1 << index
  }
  return set >>> 0
}

/** The categories of a bit set, in index order (bits the chain does not define are ignored). */
export const categoriesOf = (set: number): Category[] => CATEGORIES.filter((_, i) => (set >>> i) & 1)

/** Categories in words: "lab results and vital signs", "lab results, imaging and genomics". */
export function listWords(categories: readonly string[]): string {
  const words = categories.map(categoryWords)
  if (words.length <= 1) return words[0] ?? "nothing"
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`
}

/** Why a consent transaction was turned away by the pool (`InvalidConsentCall`, custom codes
 * 60–65 in `pallets/primitives/src/validity.rs`), in words with what to do. */
export const CONSENT_REFUSALS: Record<number, string> = {
  60: "Only the patient, or a representative they appointed, may do this.",
  61: "There is no such grant: it may have ended already. Reload the list.",
  62: "That grant is already revoked.",
  63: "You cannot grant access to yourself: choose the clinic or person to let in.",
  64: "Choose at least one category, and do not except every category you chose.",
  65: "That inquiry is no longer waiting for an answer: it was answered, withdrawn or has expired.",
}
