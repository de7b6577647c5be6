// Grants, inquiries and blocks in the words a patient reads: "Alice Clinic can read your lab
// results for treatment until 3 March 2027".

import { categoriesOf, listWords, nameOf, purposeWords } from "./names.js"

/** The chain's block time: blocks become dates at this pace from the finalized head. */
export const BLOCK_MILLIS = 6_000

/** Where the chain is: the finalized block's number and its timestamp (ms). */
export interface Clock {
  block: number
  now: number
}

/** The date block `block` falls on, estimated from the clock at the block time. */
export const dateOfBlock = (clock: Clock, block: number): Date => new Date(clock.now + (block - clock.block) * BLOCK_MILLIS)

/** The number of blocks from the clock's block until `date`, rounded up; at least 1. */
export const blocksUntil = (clock: Clock, date: Date): number =>
  Math.max(1, Math.ceil((date.getTime() - clock.now) / BLOCK_MILLIS))

/** A date as a patient reads it: "3 March 2027"; with the time if it is today or tomorrow. */
export function dateWords(date: Date, now = new Date()): string {
  const day = date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
  const hours = (date.getTime() - now.getTime()) / 3_600_000
  if (hours > -24 && hours < 36) {
    const time = date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" })
    return `${day}, ${time} UTC`
  }
  return day
}

/** An enum value as polkadot-api gives it. */
export interface Variant {
  type: string
}

/** A grant as the runtime API gives it (the fields the words need). */
export interface GrantView {
  grantee: string
  categories: number
  except: number
  purpose: Variant
  access: Variant
  starts: number
  ends: number | undefined
  revoked_at: number | undefined
  origin: Variant & { value?: unknown }
}

/** The categories a grant covers: those granted, less the exceptions. */
export const covered = (g: Pick<GrantView, "categories" | "except">): string[] => categoriesOf(g.categories & ~g.except)

/** "Alice Clinic can read your lab results for treatment until 3 March 2027", or as it was
 * opened in an emergency. `who` is the grantee's name as the portal knows it. */
export function grantSentence(g: GrantView, who: string, clock: Clock): string {
  const verb = g.access.type === "ReadAppend" ? "can read and add to" : "can read"
  const what = listWords(covered(g))
  const why = purposeWords(nameOf(g.purpose.type))
  const from = g.starts > clock.block ? ` from ${dateWords(dateOfBlock(clock, g.starts), new Date(clock.now))}` : ""
  const until = g.ends === undefined ? ", until you revoke it" : ` until ${dateWords(dateOfBlock(clock, g.ends), new Date(clock.now))}`
  const emergency = g.origin.type === "BreakGlass" ? " (opened in an emergency: review it)" : ""
  return `${who} ${verb} your ${what} for ${why}${from}${until}${emergency}`
}

/** Whether the grant holds at the clock's block. */
export const inForce = (g: Pick<GrantView, "starts" | "ends" | "revoked_at">, clock: Clock): boolean =>
  g.revoked_at === undefined && g.starts <= clock.block && (g.ends === undefined || clock.block < g.ends)

/** An inquiry in words: "Alice Clinic asks to read your lab results for research, for 30 days". */
export function inquirySentence(
  i: { categories: number; purpose: Variant; duration: number },
  who: string,
): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`
  const days = Math.round((i.duration * BLOCK_MILLIS) / 86_400_000)
  const span = days >= 1 ? plural(days, "day") : plural(Math.max(1, Math.round((i.duration * BLOCK_MILLIS) / 3_600_000)), "hour")
  return `${who} asks to read your ${listWords(categoriesOf(i.categories))} for ${purposeWords(nameOf(i.purpose.type))}, for ${span}`
}

/** A short form of an address: "5Grw…utQY". */
export const shortAddress = (address: string): string =>
  address.length > 12 ? `${address.slice(0, 4)}…${address.slice(-4)}` : address

/** Clinics' names as the portal shows them. A name is whatever its clinic wrote: control and
 * direction-changing characters are dropped and it is cut at 60 characters; a name that could
 * pass for someone else ("You", or another clinic's name) carries its short address. */
export function clinicNames(entries: Array<[string, string]>): Map<string, string> {
  const clean = entries.map(([account, name]) => [account, name.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, "").trim().slice(0, 60)] as const)
  const seen = new Map<string, number>()
  for (const [, name] of clean) seen.set(name.toLowerCase(), (seen.get(name.toLowerCase()) ?? 0) + 1)
  return new Map(
    clean.map(([account, name]) => {
      const ambiguous = name === "" || /^(you|me|myself)$/i.test(name) || (seen.get(name.toLowerCase()) ?? 0) > 1
      return [account, ambiguous ? `${name || "A clinic"} (${shortAddress(account)})` : name]
    }),
  )
}
