// The accounting of disclosures: who received which record, when and why, checked against the
// running hash the chain keeps, and announced as new ones arrive.

import { hexToBytes } from "@noble/hashes/utils.js"
import { useEffect, useRef, useState } from "preact/hooks"
import { purposeWords } from "../domain/names.js"
import { dateOfBlock, dateWords } from "../domain/phrasing.js"
import { matches, replay, start, type Replay } from "../history.js"
import { explain } from "../tx.js"
import { nameOf, Problem, Section, useSession } from "./common.js"

const replays = new Map<string, Replay>()

export function Disclosures(props: { registeredAt: number }) {
  const session = useSession()
  const me = session.me
  // The replay so far outlives the view (switching to the staff view and back resumes it).
  // Keyed by registration too: an account closed and registered again starts a new log.
  const cacheKey = `${me}@${props.registeredAt}`
  const done = useRef<Replay>(replays.get(cacheKey) ?? start(props.registeredAt))
  const [state, setState] = useState<{ replay: Replay; verified: boolean } | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    const to = session.clock.block
    void (async () => {
      try {
        const before = done.current.receipts.length
        const next = await replay(session.chain, me, done.current, to)
        // The chain's log as of the same block the replay reached.
        const at = await session.chain.client._request<string>("chain_getBlockHash", [to])
        const head = await session.chain.api.apis.RecordsApi.disclosure_log(me, { at })
        if (!live) return
        done.current = next
        replays.set(cacheKey, next)
        const verified = matches(next, { count: head.count, head: hexToBytes(head.head.slice(2)) })
        setState({ replay: next, verified })
        setError(null)
        for (const r of next.receipts.slice(before)) {
          if (before > 0 || state) session.notify(`${nameOf(session, r.requester)} received record #${r.record} for ${purposeWords(r.purpose)}.`)
        }
      } catch (e) {
        if (live) setError(`Cannot replay the disclosures: ${explain(e)}. A node that keeps old blocks' state is needed.`)
      }
    })()
    return () => {
      live = false
    }
  }, [session.clock.block])

  const receipts = state?.replay.receipts ?? []
  return (
    <Section title="Who received your records" id="disclosures">
      <Problem text={error} />
      {state ? (
        <p class={state.verified ? "verified" : "error"} data-testid="disclosure-check">
          {state.verified
            ? `✓ ${receipts.length} disclosure${receipts.length === 1 ? "" : "s"}: the whole list the chain committed to, as this node reports it.`
            : "✗ This list differs from the one the chain committed to: the node may be hiding some. Try another node."}
        </p>
      ) : (
        <p>Reading the chain…</p>
      )}
      <ul class="cards">
        {[...receipts].reverse().map((r) => (
          <li key={`${r.block}-${r.record}-${r.requester}`} data-testid="disclosure">
            {nameOf(session, r.requester)} received record #{String(r.record)} for {purposeWords(r.purpose)} on{" "}
            {dateWords(dateOfBlock(session.clock, r.releasedAt), new Date(session.clock.now))}
            {r.grant !== undefined ? ` under grant #${r.grant}` : r.requester === me ? "" : " (the clinic that keeps it)"}.
          </li>
        ))}
      </ul>
    </Section>
  )
}
