// The portal's shell: connect to the node named in `/config.json`, follow its finalized head,
// unlock the person's keys, and show the patient's or the clinic staff's view.

import { useEffect, useState } from "preact/hooks"
import { connect, runsExpectedRuntime, type Chain } from "../chain.js"
import * as keystore from "../crypto/keystore.js"
import type { Clock } from "../domain/phrasing.js"
import { Clinic } from "./clinic.js"
import { clinicNames } from "../domain/phrasing.js"
import { SessionContext, text, type Session } from "./common.js"
import { KeysScreen, type Identity } from "./keys.js"
import { Patient } from "./patient.js"

/** Where the portal finds its node: written by `scripts/run-dev.sh`, or by whoever serves it. */
export interface Config {
  /** The node's WebSocket URL. */
  node: string
  /** A development chain: development names (`//Alice`) are accepted as keys. */
  dev?: boolean
  /** Light-client mode: the URL of the chain spec to follow the chain from, with smoldot in
   * the browser; `node` is then not used. */
  chainSpec?: string
}

const STORED = "medledger.keystore"

/** The keystore file kept in this browser, if any (encrypted under the person's passphrase). */
export function storedKeystore(): keystore.KeystoreFile | undefined {
  const raw = localStorage.getItem(STORED)
  if (!raw) return undefined
  try {
    return JSON.parse(raw) as keystore.KeystoreFile
  } catch {
    return undefined
  }
}

export const keepKeystore = (file: keystore.KeystoreFile) => localStorage.setItem(STORED, JSON.stringify(file))
export const forgetKeystore = () => localStorage.removeItem(STORED)

/** The chain, over the configured node, or followed in the browser by a light client. */
async function open(config: Config): Promise<Chain> {
  if (!config.chainSpec) return connect(config.node)
  const spec = await fetch(config.chainSpec)
  if (!spec.ok) throw new Error(`no chain spec at ${config.chainSpec}`)
  const { connectLight } = await import("../light.js")
  return connectLight(await spec.text())
}

export function App(props: { config: Config }) {
  const [chain, setChain] = useState<Chain | null>(null)
  const [clock, setClock] = useState<Clock | null>(null)
  const [names, setNames] = useState(new Map<string, string>())
  const [identity, setIdentity] = useState<Identity | null>(null)
  const [view, setView] = useState<"patient" | "clinic">("patient")
  const [notices, setNotices] = useState<string[]>([])
  const [connection, setConnection] = useState("Connecting to the network…")
  const [canSign, setCanSign] = useState<boolean | null>(null)

  useEffect(() => {
    let chain: Chain | undefined
    let sub: { unsubscribe(): void } | undefined
    let stopped = false
    // Every view reads at the finalized head: its number and time, and the clinics' names.
    const follow = (c: Chain) => {
      setChain(c)
      runsExpectedRuntime(c, __MEDLEDGER_METADATA_HASH__).then(setCanSign, () => setCanSign(false))
      sub = c.client.finalizedBlock$.subscribe({
        next: async (block) => {
          setConnection("")
          const now = await c.api.query.Timestamp.Now.getValue({ at: block.hash })
          setClock({ block: block.number, now: Number(now) })
          const providers = await c.api.query.Providers.Providers.getEntries({ at: block.hash })
          setNames(clinicNames(providers.map((p) => [p.keyArgs[0], text(p.value.name)])))
        },
        error: () => setConnection(`Lost the network (${props.config.chainSpec ? "light client" : props.config.node}): reload to try again.`),
      })
    }
    open(props.config).then(
      (c) => (stopped ? c.client.destroy() : ((chain = c), follow(c))),
      (e: unknown) => setConnection(`Cannot reach the network: ${e instanceof Error ? e.message : String(e)}`),
    )
    return () => {
      stopped = true
      sub?.unsubscribe()
      chain?.client.destroy()
    }
  }, [props.config.node, props.config.chainSpec])

  const signOut = () => {
    identity?.keys?.forget()
    setIdentity(null)
    setNotices([])
    setView("patient")
  }

  const session: Session | null =
    chain && clock && identity
      ? {
          chain,
          me: identity.account,
          signer: identity.signer,
          keys: identity.keys,
          clock,
          names,
          canSign: canSign === true,
          notify: (t) => setNotices((n) => [t, ...n].slice(0, 5)),
        }
      : null

  return (
    <>
      <header>
        <h1>MedLedger</h1>
        <p class="head">
          {clock ? `Final block #${clock.block}${props.config.chainSpec ? " (light client)" : ""}` : connection || "Connecting…"}
          {identity ? (
            <>
              {" · "}
              <span class="account" title={identity.account}>
                {identity.account}
              </span>
              {identity.keys ? null : <span> (browser wallet)</span>}{" "}
              <button type="button" class="plain" onClick={signOut}>
                Lock
              </button>
            </>
          ) : null}
        </p>
        {session ? (
          <nav aria-label="Views">
            <button type="button" aria-pressed={view === "patient"} onClick={() => setView("patient")}>
              Patient
            </button>
            <button type="button" aria-pressed={view === "clinic"} onClick={() => setView("clinic")}>
              Clinic staff
            </button>
          </nav>
        ) : null}
      </header>
      <div class="notices" role="log" aria-live="polite" aria-label="Notifications">
        {notices.map((n, i) => (
          <p key={`${i}-${n}`}>{n}</p>
        ))}
      </div>
      <main>
        {connection && !clock ? <p role="status">{connection}</p> : null}
        {canSign === false ? (
          <p class="error" role="alert">
            This node runs a runtime this portal was not built for: it signs nothing here. Use a portal built for this chain, or another
            node.
          </p>
        ) : null}
        {!identity ? <KeysScreen onIdentity={setIdentity} dev={props.config.dev === true} /> : null}
        {session ? (
          <SessionContext.Provider value={session}>{view === "patient" ? <Patient /> : <Clinic />}</SessionContext.Provider>
        ) : null}
      </main>
    </>
  )
}
