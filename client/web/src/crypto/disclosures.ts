// A patient's accounting of disclosures: the running hash the chain keeps over every receipt
// (`DisclosureLog::append` in `pallets/primitives/src/disclosure.rs`), so that the portal can
// replay the receipts it read and check them against the chain's head.

import { blake2b } from "@noble/hashes/blake2.js"
import { concatBytes } from "@noble/hashes/utils.js"

/** A receipt of one release, as the `Disclosed` event tells it. */
export interface Disclosure {
  record: bigint
  /** The requester's 32-byte account. */
  requester: Uint8Array
  grant: bigint | undefined
  /** The purpose's index in the chain's `Purpose` enum (treatment 0, ...). */
  purpose: number
  released_at: number
}

/** The count of receipts and the running hash over them. */
export interface DisclosureLog {
  count: number
  head: Uint8Array
}

export const EMPTY_LOG: DisclosureLog = { count: 0, head: new Uint8Array(32) }

const u32 = (n: number) => {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, n, true)
  return out
}

const u64 = (n: bigint) => {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, n, true)
  return out
}

/** The log after one more receipt, recorded in block `block`:
 * `blake2_256(head ‖ SCALE(block) ‖ SCALE(disclosure))`. */
export function append(log: DisclosureLog, block: number, d: Disclosure): DisclosureLog {
  const grant = d.grant === undefined ? Uint8Array.of(0) : concatBytes(Uint8Array.of(1), u64(d.grant))
  const encoded = concatBytes(
    log.head,
    u32(block),
    u64(d.record),
    d.requester,
    grant,
    Uint8Array.of(d.purpose),
    u32(d.released_at),
  )
  return { count: log.count + 1, head: blake2b(encoded, { dkLen: 32 }) }
}
