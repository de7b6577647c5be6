// What every view shares: the session (chain, keys, clock, names), transactions with their
// progress, and small accessible building blocks.

import { createContext, type ComponentChildren } from "preact"
import { useContext, useEffect, useState } from "preact/hooks"
import type { Chain } from "../chain.js"
import type { PolkadotSigner } from "polkadot-api"
import type { Keys } from "../crypto/keys.js"
import type { Clock } from "../domain/phrasing.js"
import { shortAddress } from "../domain/phrasing.js"
import { explain, STAGE_WORDS, type Finalized, type Stage } from "../tx.js"

/** What a signed-in view works with. */
export interface Session {
  chain: Chain
  /** The person's account. */
  me: string
  /** What signs their transactions: their own keys, or a browser wallet. */
  signer: PolkadotSigner
  /** Their keys, if the portal holds them (not with a wallet, which holds only the account):
   * what opens records and signs gateway requests. */
  keys: Keys | null
  /** The finalized head: every view reads at it and refreshes when it moves. */
  clock: Clock
  /** Names of the providers (clinics) by account, made safe to show (see `clinicNames`). */
  names: Map<string, string>
  /** Whether the node runs the runtime the portal was built for: otherwise nothing is signed. */
  canSign: boolean
  /** Announce something to the person (shown, and read out by screen readers). */
  notify(text: string): void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error("no session")
  return session
}

/** A person's name for an account: the clinic's name if it is one, else a short address. */
export function nameOf(session: Session, account: string): string {
  if (account === session.me) return "You"
  return session.names.get(account) ?? shortAddress(account)
}

/** Bytes as the chain stores text (`Vec<u8>`), read as UTF-8. */
export const text = (bytes: Uint8Array | undefined): string => (bytes ? new TextDecoder().decode(bytes) : "")

/** A read of the chain that runs again at every new finalized block (and for another
 * account): the value, why it could not be read, and whether it has been read once. */
export function useFinalized<T>(session: Session, read: () => Promise<T>): [T | undefined, string | null, boolean] {
  const [value, setValue] = useState<T | undefined>(undefined)
  const [error, setError] = useState<string | null>(null)
  const [loaded, setLoaded] = useState(false)
  useEffect(() => {
    let live = true
    read().then(
      (v) => live && (setValue(v), setError(null), setLoaded(true)),
      (e: unknown) => live && setError(explain(e)),
    )
    return () => {
      live = false
    }
  }, [session.clock.block, session.me])
  return [value, error, loaded]
}

/** What each list has shown each account, across remounts (switching views, locking): so that
 * what arrived meanwhile is announced too, and nothing is announced twice. */
const seenLists = new Map<string, Set<string>>()

/** Announce each item that appears in a list read at the finalized head (a new inquiry, a new
 * record, an emergency access) after the list was first read for this account: the live updates
 * a person is told of. `list` names the list; `me` whose it is. */
export function useNewcomers<T>(list: string, me: string, items: T[] | undefined, key: (item: T) => string, announce: (item: T) => void) {
  useEffect(() => {
    if (!items) return
    const name = `${me}/${list}`
    const seen = seenLists.get(name)
    if (seen) for (const item of items) if (!seen.has(key(item))) announce(item)
    seenLists.set(name, new Set([...(seen ?? []), ...items.map(key)]))
  }, [items])
}

/** A button that sends a transaction and shows where it is until final, or why it failed. */
export function TxButton(props: {
  label: string
  run: (onStage: (s: Stage) => void) => Promise<Finalized | unknown>
  done?: string
  disabled?: boolean
  kind?: "primary" | "danger" | "plain"
  onDone?: () => void
}) {
  const session = useContext(SessionContext)
  const [stage, setStage] = useState<Stage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const busy = stage !== null && stage !== "final"
  const refused = session !== null && !session.canSign
  const click = async () => {
    setError(null)
    try {
      await props.run(setStage)
      setStage("final")
      props.onDone?.()
    } catch (e) {
      setStage(null)
      setError(explain(e))
    }
  }
  return (
    <span class="tx">
      <button type="button" class={props.kind ?? "primary"} disabled={busy || props.disabled || refused} onClick={click} aria-busy={busy}>
        {props.label}
      </button>
      <span class="tx-status" role="status" aria-live="polite">
        {stage && stage !== "final" ? STAGE_WORDS[stage] : null}
        {stage === "final" ? `✓ ${props.done ?? "Final"}` : null}
      </span>
      {error ? (
        <span class="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  )
}

/** Why something needs the person's words when they signed in with a wallet. */
export const NEEDS_WORDS =
  "A browser wallet holds only your account: this needs your encryption key, which comes from your 12 words. Sign in with them (I have my 12 words) to do it."

/** A titled section of a view. */
export function Section(props: { title: string; id: string; children: ComponentChildren }) {
  return (
    <section aria-labelledby={`${props.id}-title`} id={props.id}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  )
}

/** An error shown where it happened, with what to do. */
export const Problem = (props: { text: string | null }) =>
  props.text ? (
    <p class="error" role="alert">
      {props.text}
    </p>
  ) : null
