// The accounting of disclosures, replayed: every `Records.Disclosed` receipt of a patient from
// the finalized blocks, hashed as the chain hashes them, so that the list a patient reads is
// proven to be the whole list the chain committed to (its count and running hash).

import { equalBytes } from "@noble/ciphers/utils.js"
import type { Chain } from "./chain.js"
import { append, EMPTY_LOG, type DisclosureLog } from "./crypto/disclosures.js"
import { ss58Decode } from "./crypto/ss58.js"
import { PURPOSES, nameOf } from "./domain/names.js"

/** One disclosure, as the patient reads it. */
export interface Receipt {
  block: number
  record: bigint
  requester: string
  grant: bigint | undefined
  purpose: string
  releasedAt: number
}

/** The receipts replayed up to `block`, and the log they hash to. */
export interface Replay {
  block: number
  log: DisclosureLog
  receipts: Receipt[]
}

/** Replay the receipts of `patient` in blocks `replay.block + 1 ..= to`, continuing `replay`. */
export async function replay(chain: Chain, patient: string, from: Replay, to: number): Promise<Replay> {
  let { log } = from
  const receipts = [...from.receipts]
  for (let n = from.block + 1; n <= to; n++) {
    const hash = await chain.client._request<string | null>("chain_getBlockHash", [n])
    if (!hash) throw new Error(`the node does not know block #${n}`)
    const events = await chain.api.event.Records.Disclosed.get(hash as `0x${string}`)
    for (const { payload: d } of events) {
      if (d.patient !== patient) continue
      const purpose = nameOf(d.purpose.type)
      const requester = ss58Decode(d.requester)
      if (!requester) throw new Error(`a receipt names a requester that is not an account: ${d.requester}`)
      log = append(log, n, {
        record: d.record,
        requester,
        grant: d.grant,
        purpose: PURPOSES.indexOf(purpose as (typeof PURPOSES)[number]),
        released_at: d.released_at,
      })
      receipts.push({ block: n, record: d.record, requester: d.requester, grant: d.grant, purpose, releasedAt: d.released_at })
    }
  }
  return { block: Math.max(from.block, to), log, receipts }
}

/** Nothing replayed yet: start just before the patient registered. */
export const start = (registeredAt: number): Replay => ({ block: Math.max(0, registeredAt - 1), log: EMPTY_LOG, receipts: [] })

/** Whether the replay is the chain's log: same count, same running hash. */
export const matches = (r: Replay, chainLog: { count: bigint | number; head: Uint8Array }): boolean =>
  BigInt(r.log.count) === BigInt(chainLog.count) && equalBytes(r.log.head, chainLog.head)
