// The patient's view: registration, who can see what now, granting and revoking, inquiries,
// emergency accesses, representatives, records across clinics, and the accounting of
// disclosures checked against the chain.

import { blake2b } from "@noble/hashes/blake2.js"
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import { Enum } from "polkadot-api"
import { useMemo, useState } from "preact/hooks"
import { ss58Decode } from "../crypto/ss58.js"
import { bits, CATEGORIES, categoriesOf, categoryWords, nameOf as variantName, PURPOSES, purposeWords, SENSITIVE, variant } from "../domain/names.js"
import { readable, type Readable } from "../domain/fhir.js"
import { blocksUntil, dateOfBlock, dateWords, grantSentence, inForce, inquirySentence, shortAddress } from "../domain/phrasing.js"
import { Gateway, openRelease } from "../gateway.js"
import { explain, submit } from "../tx.js"
import { nameOf, NEEDS_WORDS, Problem, Section, text, TxButton, useFinalized, useNewcomers, useSession, type Session } from "./common.js"
import { Disclosures } from "./disclosures.js"

const hex = (h: string) => hexToBytes(h.startsWith("0x") ? h.slice(2) : h)

export function Patient() {
  const session = useSession()
  const { api } = session.chain
  const me = session.me
  const [patient, , loaded] = useFinalized(session, () => api.query.Patients.Patients.getValue(me))
  const [balance] = useFinalized(session, () => api.query.System.Account.getValue(me))
  if (!loaded) return <p role="status">Reading the chain…</p>
  if (patient === undefined) {
    return (
      <Section title="Register as a patient" id="register">
        <p>
          Registering publishes your encryption key, so that clinics can seal your records' descriptions to you. It holds a
          deposit of 1 MED, returned when you close the account.
        </p>
        <p>
          Your account: <span class="account">{me}</span> — balance{" "}
          <span data-testid="balance">{balance ? formatMed(balance.data.free) : "…"}</span>
        </p>
        {balance && balance.data.free < 10n ** 12n ? (
          <p>Ask your clinic to send you 1 MED, or to register you; then register here.</p>
        ) : null}
        {session.keys ? (
          <TxButton
            label="Register"
            done="Registered"
            run={(onStage) => {
              const key = session.keys!.encryptionPublic
              return submit(api.tx.Patients.register({ encryption_key: `0x${bytesToHex(key)}` }), session.signer, onStage)
            }}
          />
        ) : (
          <p>{NEEDS_WORDS}</p>
        )}
      </Section>
    )
  }
  return (
    <>
      <Grants />
      <Inquiries />
      <Records />
      <Disclosures registeredAt={patient.registered_at} />
      <GrantForm />
      <Representatives />
      <CloseAccount />
    </>
  )
}

const formatMed = (planck: bigint) => `${(Number(planck / 10n ** 9n) / 1000).toFixed(3)} MED`

function Grants() {
  const session = useSession()
  const { api } = session.chain
  const me = session.me
  const [grants, error] = useFinalized(session, () => api.apis.ConsentApi.grants(me))
  // In force now, or to come; never a revoked one.
  const live = (grants ?? []).filter(([, g]) => g.revoked_at === undefined && (inForce(g, session.clock) || g.starts > session.clock.block))
  const emergencies = useMemo(() => grants?.filter(([, g]) => g.origin.type === "BreakGlass"), [grants])
  useNewcomers(
    "emergency",
    me,
    emergencies,
    ([id]) => String(id),
    ([, g]) => session.notify(`Emergency access opened by ${nameOf(session, g.grantee)}: review it below.`),
  )
  return (
    <Section title="Who can see what now" id="grants">
      <Problem text={error} />
      {grants && live.length === 0 ? (
        <p>No grant is in force: only you, your representatives, and the clinics that keep your records can read them.</p>
      ) : null}
      <ul class="cards">
        {live.map(([id, g]) => (
          <li key={String(id)} data-testid="grant">
            <p>{grantSentence(g, nameOf(session, g.grantee), session.clock)}.</p>
            <TxButton
              label="Revoke"
              kind="danger"
              done="Revoked: honoured from this final block on"
              run={(onStage) => submit(api.tx.Consent.revoke({ grant: id }), session.signer, onStage)}
              onDone={() => session.notify(`Revoked: ${nameOf(session, g.grantee)} can no longer read your records (final).`)}
            />
            {g.origin.type === "BreakGlass" ? <FlagEmergency id={id} flagged={(g.origin.value as { flagged: boolean }).flagged} /> : null}
          </li>
        ))}
      </ul>
    </Section>
  )
}

function FlagEmergency(props: { id: bigint; flagged: boolean }) {
  const session = useSession()
  if (props.flagged) return <p>You asked the council to review this emergency access.</p>
  return (
    <TxButton
      label="Ask the council to review"
      kind="plain"
      done="Flagged for review"
      run={(onStage) => submit(session.chain.api.tx.Consent.flag_emergency_access({ grant: props.id }), session.signer, onStage)}
    />
  )
}

/** Checkboxes for categories; sensitive ones apart, never ticked by default. */
function CategoryPicker(props: { legend: string; value: string[]; onChange: (v: string[]) => void; within?: string[] }) {
  const offered = props.within ?? [...CATEGORIES]
  const toggle = (c: string) => props.onChange(props.value.includes(c) ? props.value.filter((x) => x !== c) : [...props.value, c])
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {offered.map((c) => (
        <label key={c} class="check">
          <input type="checkbox" checked={props.value.includes(c)} onChange={() => toggle(c)} />
          {categoryWords(c)}
          {SENSITIVE.includes(c as never) ? " (sensitive)" : ""}
        </label>
      ))}
    </fieldset>
  )
}

function GrantForm() {
  const session = useSession()
  const { api } = session.chain
  const [grantee, setGrantee] = useState("")
  const [categories, setCategories] = useState<string[]>([])
  const [except, setExcept] = useState<string[]>([])
  const [purpose, setPurpose] = useState("treatment")
  const [until, setUntil] = useState("")
  const [error, setError] = useState<string | null>(null)
  const clinics = [...session.names.entries()]

  const run = (onStage: Parameters<Parameters<typeof TxButton>[0]["run"]>[0]) => {
    setError(null)
    const to = grantee.trim()
    if (!ss58Decode(to)) throw new Error("Choose a clinic, or paste the person's MedLedger address.")
    if (categories.length === 0) throw new Error("Choose at least one category.")
    let ends: number | undefined
    if (until) {
      const date = new Date(`${until}T23:59:59Z`)
      if (!(date.getTime() > session.clock.now)) throw new Error("Choose an end date in the future, or none.")
      ends = session.clock.block + blocksUntil(session.clock, date)
    }
    return submit(
      api.tx.Consent.grant({
        patient: session.me,
        grantee: to,
        categories: bits(categories),
        except: bits(except),
        purpose: Enum(variant(purpose) as "Treatment"),
        access: Enum("Read"),
        starts: undefined,
        ends,
      }),
      session.signer,
      onStage,
    )
  }

  return (
    <Section title="Let a clinic or person read" id="grant">
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          Who
          <input list="clinics" value={grantee} onInput={(e) => setGrantee(e.currentTarget.value)} placeholder="a clinic, or an address" />
        </label>
        <label>
          Or choose a clinic
          <select value={grantee} onChange={(e) => setGrantee(e.currentTarget.value)}>
            <option value="">—</option>
            {clinics.map(([account, name]) => (
              <option key={account} value={account}>
                {name} — {shortAddress(account)}
              </option>
            ))}
          </select>
        </label>
        <CategoryPicker legend="What they may read" value={categories} onChange={setCategories} />
        {categories.length > 1 ? (
          <CategoryPicker legend="Except (an exception always wins)" value={except} onChange={setExcept} within={categories} />
        ) : null}
        <label>
          Why
          <select value={purpose} onChange={(e) => setPurpose(e.currentTarget.value)}>
            {PURPOSES.filter((p) => p !== "emergency-treatment").map((p) => (
              <option key={p} value={p}>
                {purposeWords(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Until (leave empty to keep it until you revoke it)
          <input type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} />
        </label>
        <TxButton label="Grant" done="Granted" run={run} onDone={() => (setCategories([]), setExcept([]))} />
        <Problem text={error} />
      </form>
    </Section>
  )
}

function Inquiries() {
  const session = useSession()
  const { api } = session.chain
  const [pending, error] = useFinalized(session, () => api.apis.ConsentApi.pending_inquiries(session.me))
  useNewcomers(
    "inquiries",
    session.me,
    pending,
    ([id]) => String(id),
    ([, i]) => session.notify(`New inquiry from ${nameOf(session, i.requester)}: answer it below.`),
  )
  return (
    <Section title="Inquiries to answer" id="inquiries">
      <Problem text={error} />
      {pending && pending.length === 0 ? <p>None waiting.</p> : null}
      <ul class="cards">
        {(pending ?? []).map(([id, i]) => (
          <Inquiry key={String(id)} id={id} inquiry={i} />
        ))}
      </ul>
    </Section>
  )
}

function Inquiry(props: { id: bigint; inquiry: { requester: string; categories: number; purpose: { type: string }; duration: number; expires_at: number } }) {
  const session = useSession()
  const { api } = session.chain
  const asked = categoriesOf(props.inquiry.categories)
  const [chosen, setChosen] = useState<string[]>(asked)
  const who = nameOf(session, props.inquiry.requester)
  return (
    <li data-testid="inquiry">
      <p>
        {inquirySentence(props.inquiry, who)}. Answer by {dateWords(dateOfBlock(session.clock, props.inquiry.expires_at))}.
      </p>
      <CategoryPicker legend="Approve only these" value={chosen} onChange={setChosen} within={asked} />
      <TxButton
        label="Approve"
        done="Approved"
        disabled={chosen.length === 0}
        run={(onStage) =>
          submit(
            api.tx.Consent.answer_inquiry({
              inquiry: props.id,
              answer: Enum("Approve", { categories: bits(chosen), except: 0, duration: props.inquiry.duration }),
            }),
            session.signer,
            onStage,
          )
        }
      />{" "}
      <TxButton
        label="Deny"
        kind="danger"
        done="Denied"
        run={(onStage) =>
          submit(api.tx.Consent.answer_inquiry({ inquiry: props.id, answer: Enum("Deny", Enum("Other")) }), session.signer, onStage)
        }
      />
    </li>
  )
}

interface Listed {
  id: bigint
  category: string
  custodian: string
  contentHash: string
  title: string
}

/** Every record of the patient, newest first: the runtime pages them in storage order, 100 at
 * a time, each page after the last id of the one before. */
async function allRecords(session: Session) {
  const { api } = session.chain
  const records = []
  let after: bigint | undefined
  for (;;) {
    const page = await api.apis.RecordsApi.patient_records(session.me, after, 100)
    records.push(...page)
    if (page.length < 100) break
    after = page[page.length - 1]![0]
  }
  return records.sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
}

function Records() {
  const session = useSession()
  const { api } = session.chain
  const [page, error] = useFinalized(session, () => allRecords(session))
  const [opened, setOpened] = useState<{ id: bigint; view: Readable } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState<bigint | null>(null)
  useNewcomers(
    "records",
    session.me,
    page,
    ([id]) => String(id),
    ([id, r]) => session.notify(`New record #${id} kept by ${nameOf(session, r.custodian)}.`),
  )
  // Each record's description is sealed to the patient: opened once per read, not per render.
  const listed: Listed[] = useMemo(() => (page ?? []).map(([id, r]) => {
    let title = categoryWords(variantName(r.category.type))
    try {
      if (!session.keys) throw new Error("no keys")
      const meta = JSON.parse(new TextDecoder().decode(session.keys.open(r.metadata))) as { resourceType?: unknown }
      if (typeof meta.resourceType === "string") title = `${meta.resourceType} (${title})`
    } catch {
      // Metadata sealed to an older key: the category still says what it is.
    }
    return { id, category: variantName(r.category.type), custodian: r.custodian, contentHash: r.content_hash, title }
  }), [page, session.keys])

  const open = async (r: Listed) => {
    setProblem(null)
    const keys = session.keys
    if (!keys) return setProblem(NEEDS_WORDS)
    setBusy(r.id)
    try {
      const provider = await api.query.Providers.Providers.getValue(r.custodian)
      if (!provider) throw new Error(`${nameOf(session, r.custodian)} is no longer a provider: ask them for the record.`)
      const gateway = new Gateway(text(provider.endpoint))
      const release = await gateway.release(keys, r.id, "patient-request", r.custodian)
      const record = openRelease(keys, release, hex(r.contentHash))
      setOpened({ id: r.id, view: readable(record.resource) })
    } catch (e) {
      setProblem(explain(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <Section title="Your records, at every clinic" id="records">
      <Problem text={error ?? problem} />
      {page && listed.length === 0 ? <p>No records yet.</p> : null}
      <ul class="cards">
        {listed.map((r) => (
          <li key={String(r.id)} data-testid="record">
            <p>
              <strong>{r.title}</strong> — kept by {nameOf(session, r.custodian)} (record #{String(r.id)})
            </p>
            <button type="button" class="primary" disabled={busy === r.id} onClick={() => void open(r)}>
              {busy === r.id ? "Opening…" : "Open"}
            </button>
            {opened?.id === r.id ? <RecordView view={opened.view} /> : null}
          </li>
        ))}
      </ul>
    </Section>
  )
}

function RecordView(props: { view: Readable }) {
  const v = props.view
  return (
    <article class="record" aria-label={v.title} data-testid="opened-record">
      <h3>{v.title}</h3>
      <p class="kind">
        {v.kind}
        {v.when ? ` · ${v.when}` : ""}
      </p>
      <dl>
        {v.facts.map((f, i) => (
          <div key={i}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <p class="verified">✓ Matches the hash the chain holds (as this node reports it); decrypted in this browser.</p>
    </article>
  )
}

const SCOPE_WORDS: Record<string, string> = {
  Full: "everything you can",
  ManageConsent: "grants and revocations only",
  ViewRecords: "reading your records only",
}

function Representatives() {
  const session = useSession()
  const { api } = session.chain
  const me = session.me
  const [list, error] = useFinalized(session, () => api.query.Patients.Representatives.getEntries(me))
  const [who, setWho] = useState("")
  const [scope, setScope] = useState("Full")
  const [basis, setBasis] = useState("")
  return (
    <Section title="Your representatives" id="representatives">
      <Problem text={error} />
      <ul class="cards">
        {(list ?? []).map((r) => (
          <li key={r.keyArgs[1]}>
            <p>
              {nameOf(session, r.keyArgs[1])} may act for you: {SCOPE_WORDS[r.value.scope.type] ?? r.value.scope.type}.
            </p>
            <TxButton
              label="Dismiss"
              kind="danger"
              done="Dismissed"
              run={(onStage) => submit(api.tx.Patients.dismiss_representative({ representative: r.keyArgs[1] }), session.signer, onStage)}
            />
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          Appoint (their address)
          <input value={who} onInput={(e) => setWho(e.currentTarget.value)} />
        </label>
        <label>
          To do
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
            {Object.entries(SCOPE_WORDS).map(([value, words]) => (
              <option key={value} value={value}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label>
          On what basis (kept as a hash, e.g. "power of attorney of 2 May")
          <input value={basis} onInput={(e) => setBasis(e.currentTarget.value)} />
        </label>
        <TxButton
          label="Appoint"
          done="Appointed"
          disabled={!ss58Decode(who.trim())}
          run={(onStage) =>
            submit(
              api.tx.Patients.appoint_representative({
                representative: who.trim(),
                scope: Enum(scope as "Full"),
                legal_basis: `0x${bytesToHex(blake2b(utf8ToBytes(basis), { dkLen: 32 }))}`,
                until: undefined,
              }),
              session.signer,
              onStage,
            )
          }
        />
      </form>
    </Section>
  )
}

function CloseAccount() {
  const session = useSession()
  const [sure, setSure] = useState(false)
  return (
    <Section title="Close your account" id="close">
      <p>Closing ends every grant at once and returns your deposit. Your records stay with the clinics that keep them.</p>
      <label class="check">
        <input type="checkbox" checked={sure} onChange={() => setSure(!sure)} />I understand: every grant ends now.
      </label>
      <TxButton
        label="Close my account"
        kind="danger"
        done="Closed"
        disabled={!sure}
        run={(onStage) => submit(session.chain.api.tx.Patients.close_account(), session.signer, onStage)}
      />
    </Section>
  )
}
