// Keys in the browser: a new 12-word phrase, the words one has, or the keystore kept here —
// always encrypted under a passphrase (the CLI's keystore format, so a file moves between them).

import { useState } from "preact/hooks"
import { AccountId, type PolkadotSigner } from "polkadot-api"
import { connectInjectedExtension, getInjectedExtensions, type InjectedPolkadotAccount } from "polkadot-api/pjs-signer"
import { signer } from "../chain.js"
import { fromTyped, InvalidPhrase, Keys } from "../crypto/keys.js"
import * as keystore from "../crypto/keystore.js"
import { forgetKeystore, keepKeystore, storedKeystore } from "./app.js"
import { Problem, Section } from "./common.js"

const MIN_PASSPHRASE = 8

/** Who is signed in: an account, what signs for it, and its keys if the portal holds them. */
export interface Identity {
  account: string
  signer: PolkadotSigner
  /** None with a browser wallet: it holds only the account. */
  keys: Keys | null
}

/** An identity from keys the portal holds. */
export const fromKeys = (keys: Keys): Identity => ({ account: keys.account, signer: signer(keys), keys })

export function KeysScreen(props: { onIdentity: (i: Identity) => void; dev: boolean }) {
  const onKeys = (k: Keys) => props.onIdentity(fromKeys(k))
  const stored = storedKeystore()
  const [mode, setMode] = useState<"unlock" | "new" | "restore" | "wallet">(stored ? "unlock" : "new")
  const [fresh, setFresh] = useState<Keys | null>(null)
  const [words, setWords] = useState("")
  const [passphrase, setPassphrase] = useState("")
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const replaces = stored ? (
    <p>
      This replaces the keys kept in this browser for <span class="account">{stored.account}</span>: have their 12 words at hand.
    </p>
  ) : null

  const save = async (k: Keys) => {
    if (passphrase.length < MIN_PASSPHRASE) {
      setError(`Choose a passphrase of at least ${MIN_PASSPHRASE} characters: it protects your keys in this browser.`)
      return
    }
    setBusy(true)
    try {
      keepKeystore(await keystore.seal(k, passphrase))
      onKeys(k)
    } finally {
      setBusy(false)
    }
  }

  const unlock = async () => {
    if (!stored) return
    setBusy(true)
    setError(null)
    try {
      onKeys(await keystore.open(stored, passphrase))
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  const restore = async () => {
    setError(null)
    try {
      await save(fromTyped(words, props.dev))
    } catch (e) {
      setError(
        e instanceof InvalidPhrase
          ? e.message.startsWith("development")
            ? "Development names such as //Alice work only on a development chain."
            : "Those are not your 12 words: check each word and their order."
          : String(e),
      )
    }
  }

  return (
    <Section title="Your keys" id="keys">
      <p>
        Your keys are made from 12 words. They never leave this browser unencrypted: a passphrase protects them here. Whoever
        has the 12 words has your records — write them on paper, keep them safe.
      </p>
      <div class="choices" role="group" aria-label="How to begin">
        {stored ? (
          <button type="button" aria-pressed={mode === "unlock"} onClick={() => setMode("unlock")}>
            Unlock my keys
          </button>
        ) : null}
        <button type="button" aria-pressed={mode === "new"} onClick={() => setMode("new")}>
          Create new keys
        </button>
        <button type="button" aria-pressed={mode === "restore"} onClick={() => setMode("restore")}>
          I have my 12 words
        </button>
        {getInjectedExtensions().length > 0 ? (
          <button type="button" aria-pressed={mode === "wallet"} onClick={() => setMode("wallet")}>
            Use a browser wallet
          </button>
        ) : null}
      </div>
      {mode === "wallet" ? <Wallets onIdentity={props.onIdentity} /> : null}

      {mode === "unlock" && stored ? (
        <form onSubmit={(e) => (e.preventDefault(), void unlock())}>
          <p>
            Keys kept here for <span class="account">{stored.account}</span>.
          </p>
          <label>
            Passphrase
            <input type="password" autocomplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Unlocking…" : "Unlock"}
          </button>{" "}
          <button type="button" class="danger" onClick={() => (forgetKeystore(), setMode("new"))}>
            Remove them from this browser
          </button>
        </form>
      ) : null}

      {mode === "new" ? (
        fresh ? (
          <form onSubmit={(e) => (e.preventDefault(), void save(fresh))}>
            <p>Your 12 words, in order:</p>
            <ol class="words" aria-label="Your 12 words">
              {fresh
                .exportSecret()
                .split(" ")
                .map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
            </ol>
            <NewPassphrase value={passphrase} onInput={setPassphrase} />
            {replaces}
            <button type="submit" class="primary" disabled={busy}>
              {busy ? "Encrypting…" : "I wrote them down: keep my keys"}
            </button>
          </form>
        ) : (
          <button type="button" class="primary" onClick={() => setFresh(Keys.generate())}>
            Create my keys
          </button>
        )
      ) : null}

      {mode === "restore" ? (
        <form onSubmit={(e) => (e.preventDefault(), void restore())}>
          <label>
            Your 12 words
            <textarea rows={3} autocomplete="off" spellcheck={false} value={words} onInput={(e) => setWords(e.currentTarget.value)} />
          </label>
          <NewPassphrase value={passphrase} onInput={setPassphrase} />
          {replaces}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Encrypting…" : "Use these words"}
          </button>
        </form>
      ) : null}
      <Problem text={error} />
    </Section>
  )
}

/** The passphrase that will encrypt the keys in this browser. */
function NewPassphrase(props: { value: string; onInput: (v: string) => void }) {
  return (
    <label>
      A passphrase for this browser
      <input type="password" autocomplete="new-password" value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} />
    </label>
  )
}

/** An address in the chain's own format (prefix 42), whatever network format a wallet shows. */
const generic = (address: string): string => AccountId(42).dec(AccountId().enc(address))

/** Sign in with an account of a browser wallet (polkadot.js, Talisman, SubWallet: any that
 * injects itself as `window.injectedWeb3`). The wallet signs transactions; opening records
 * still needs the 12 words, which the wallet does not hold. */
function Wallets(props: { onIdentity: (i: Identity) => void }) {
  const [accounts, setAccounts] = useState<InjectedPolkadotAccount[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const connect = async (name: string) => {
    setError(null)
    try {
      const extension = await connectInjectedExtension(name, "MedLedger")
      // Only substrate accounts: an Ethereum (H160) account is no MedLedger account.
      setAccounts(extension.getAccounts().filter((a) => !a.address.startsWith("0x")))
    } catch (e) {
      setError(`${name} did not connect: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return (
    <div>
      <p>The wallet signs your transactions. To open your records you will still need your 12 words: a wallet holds only your account.</p>
      <div class="choices" role="group" aria-label="Wallets">
        {getInjectedExtensions().map((name) => (
          <button type="button" key={name} onClick={() => void connect(name)}>
            {name}
          </button>
        ))}
      </div>
      {accounts && accounts.length === 0 ? <p>The wallet shares no account with this portal.</p> : null}
      <ul class="cards">
        {(accounts ?? []).map((a) => (
          <li key={a.address}>
            <button type="button" class="primary" onClick={() => props.onIdentity({ account: generic(a.address), signer: a.polkadotSigner, keys: null })}>
              {a.name ?? a.address}
            </button>{" "}
            <span class="account">{a.address}</span>
          </li>
        ))}
      </ul>
      <Problem text={error} />
    </div>
  )
}
