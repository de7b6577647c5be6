// The clinic staff's view: apply to join, the council's motions (admit, suspend, reinstate,
// expel) with votes and close, the clinic's practitioners, and break-glass access with its
// stated reason.

import { blake2b } from "@noble/hashes/blake2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"
import { useState } from "preact/hooks"
import { ss58Decode } from "../crypto/ss58.js"
import { prematureClose, threshold } from "../domain/council.js"
import { submit } from "../tx.js"
import { nameOf, NEEDS_WORDS, Problem, Section, text, TxButton, useFinalized, useSession, type Session } from "./common.js"

export function Clinic() {
  const session = useSession()
  const { api } = session.chain
  const me = session.me
  const [provider] = useFinalized(session, () => api.query.Providers.Providers.getValue(me))
  const [members] = useFinalized(session, () => api.query.Council.Members.getValue())
  const [employer] = useFinalized(session, () => api.query.Providers.Employers.getValue(me))
  return (
    <>
      {provider ? (
        <p>
          You act for <strong>{text(provider.name)}</strong> ({provider.status.type.toLowerCase()}), gateway {text(provider.endpoint)}.
        </p>
      ) : employer ? (
        <p>You are a practitioner of {nameOf(session, employer)}.</p>
      ) : (
        <Apply />
      )}
      {members?.includes(me) ? <Council /> : null}
      {provider ? <Practitioners /> : null}
      <BreakGlass />
    </>
  )
}

function Apply() {
  const session = useSession()
  const { api } = session.chain
  const [application] = useFinalized(session, () => api.query.Providers.Applications.getValue(session.me))
  const [name, setName] = useState("")
  const [endpoint, setEndpoint] = useState("https://")
  if (application) {
    return (
      <Section title="Your application" id="apply">
        <p>
          {text(application.name)} applied to join; the council decides. <span data-testid="applied">Waiting for the council.</span>
        </p>
      </Section>
    )
  }
  return (
    <Section title="Join as a clinic" id="apply">
      <p>The council of the clinics already on MedLedger votes new ones in. Your records gateway's address is published with your application.</p>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          The clinic's name
          <input value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Its records gateway (URL)
          <input value={endpoint} onInput={(e) => setEndpoint(e.currentTarget.value)} />
        </label>
        {session.keys ? null : <p>{NEEDS_WORDS}</p>}
        <TxButton
          label="Apply"
          done="Applied"
          disabled={name.trim() === "" || !session.keys}
          run={(onStage) => {
            if (!session.keys) throw new Error(NEEDS_WORDS)
            return submit(
              api.tx.Providers.apply({
                name: utf8ToBytes(name.trim()),
                endpoint: utf8ToBytes(endpoint.trim()),
                encryption_key: `0x${bytesToHex(session.keys.encryptionPublic)}`,
              }),
              session.signer,
              onStage,
            )
          }}
        />
      </form>
    </Section>
  )
}

type Action = "admit" | "reject" | "suspend" | "reinstate" | "expel"

function Council() {
  const session = useSession()
  const { api } = session.chain
  const [applications] = useFinalized(session, () => api.query.Providers.Applications.getEntries())
  const [providers] = useFinalized(session, () => api.query.Providers.Providers.getEntries())
  const [motions, error] = useFinalized(session, async () => {
    const hashes = await api.query.Council.Proposals.getValue()
    return Promise.all(
      hashes.map(async (hash) => ({
        hash,
        call: await api.query.Council.ProposalOf.getValue(hash),
        voting: await api.query.Council.Voting.getValue(hash),
      })),
    )
  })

  const propose = async (action: Action, who: string, onStage: Parameters<Parameters<typeof TxButton>[0]["run"]>[0]) => {
    const call =
      action === "admit" ? api.tx.Providers.admit({ applicant: who })
      : action === "reject" ? api.tx.Providers.reject({ applicant: who })
      : action === "suspend" ? api.tx.Providers.suspend({ provider: who })
      : action === "reinstate" ? api.tx.Providers.reinstate({ provider: who })
      : api.tx.Providers.expel({ provider: who })
    const members = (await api.query.Council.Members.getValue()).length
    const ayes = threshold(members)
    const length = (await call.getEncodedData()).length
    const result = await submit(
      api.tx.Council.propose({ threshold: ayes, proposal: call.decodedCall, length_bound: length }),
      session.signer,
      onStage,
    )
    const executed = result.events.find((e) => e.type === "Council" && e.value.type === "Executed")
    const carried = executed && (executed.value.value as { result: { success: boolean } }).result.success
    session.notify(
      executed
        ? carried
          ? `The council carried: ${action} ${nameOf(session, who)}.`
          : `The motion to ${action} ${nameOf(session, who)} was carried but failed.`
        : `Motion to ${action} ${nameOf(session, who)} proposed: it needs ${ayes} of ${members} votes.`,
    )
    return result
  }

  return (
    <Section title="The council" id="council">
      <Problem text={error} />
      <h3>Applications</h3>
      {applications && applications.length === 0 ? <p>No clinic is waiting.</p> : null}
      <ul class="cards">
        {(applications ?? []).map((a) => (
          <li key={a.keyArgs[0]} data-testid="application">
            <p>
              <strong>{text(a.value.name)}</strong> ({a.keyArgs[0]}) asks to join; gateway {text(a.value.endpoint)}.
            </p>
            <TxButton label="Propose to admit" done="Proposed" run={(s) => propose("admit", a.keyArgs[0], s)} />{" "}
            <TxButton label="Propose to reject" kind="danger" done="Proposed" run={(s) => propose("reject", a.keyArgs[0], s)} />
          </li>
        ))}
      </ul>
      <h3>Clinics</h3>
      <ul class="cards">
        {(providers ?? []).map((p) => (
          <li key={p.keyArgs[0]} data-testid="provider">
            <p>
              <strong>{text(p.value.name)}</strong> — {p.value.status.type.toLowerCase()}
            </p>
            {p.value.status.type === "Active" ? (
              <>
                <TxButton label="Propose to suspend" kind="plain" done="Proposed" run={(s) => propose("suspend", p.keyArgs[0], s)} />{" "}
                <TxButton label="Propose to expel" kind="danger" done="Proposed" run={(s) => propose("expel", p.keyArgs[0], s)} />
              </>
            ) : (
              <TxButton label="Propose to reinstate" kind="plain" done="Proposed" run={(s) => propose("reinstate", p.keyArgs[0], s)} />
            )}
          </li>
        ))}
      </ul>
      <h3>Open motions</h3>
      {motions && motions.length === 0 ? <p>None open.</p> : null}
      <ul class="cards">
        {(motions ?? []).map((m) => (
          <li key={m.hash} data-testid="motion">
            <p>{motionWords(session, m.call)}</p>
            <p>
              {m.voting?.ayes.length ?? 0} for, {m.voting?.nays.length ?? 0} against, {m.voting?.threshold ?? "?"} needed.
            </p>
            {m.voting ? (
              <>
                <TxButton
                  label="Vote for"
                  done="Voted"
                  run={(s) => submit(api.tx.Council.vote({ proposal: m.hash, index: m.voting!.index, approve: true }), session.signer, s)}
                />{" "}
                <TxButton
                  label="Vote against"
                  kind="danger"
                  done="Voted"
                  run={(s) => submit(api.tx.Council.vote({ proposal: m.hash, index: m.voting!.index, approve: false }), session.signer, s)}
                />{" "}
                <TxButton
                  label="Close"
                  kind="plain"
                  done="Closed"
                  run={async (s) => {
                    const call = m.call!
                    const members = (await api.query.Council.Members.getValue()).length
                    const refusal = prematureClose(m.voting!.ayes.length, m.voting!.threshold, members)
                    if (refusal) throw new Error(refusal)
                    // The weight and length the motion's call takes, as the runtime weighs it.
                    const info = await api.apis.TransactionPaymentCallApi.query_call_info(call, 0)
                    const length = await encodedLength(session, call)
                    return submit(
                      api.tx.Council.close({
                        proposal_hash: m.hash,
                        index: m.voting!.index,
                        proposal_weight_bound: info.weight,
                        length_bound: length,
                      }),
                      session.signer,
                      s,
                    )
                  }}
                />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </Section>
  )
}

/** The encoded length of a decoded call (a motion's), by building it again. */
async function encodedLength(session: Session, call: unknown): Promise<number> {
  const c = call as { type: string; value: { type: string; value: unknown } }
  type Build = (args: unknown) => { getEncodedData(): Promise<Uint8Array> }
  const build = (session.chain.api.tx as unknown as Record<string, Record<string, Build> | undefined>)[c.type]?.[c.value.type]
  if (!build) throw new Error(`the motion's call ${c.type}.${c.value.type} is not one this portal knows`)
  return (await build(c.value.value).getEncodedData()).length
}

/** What a motion would do, with whom it concerns in full: members vote on what they read. */
function motionWords(session: Session, call: unknown): string {
  const c = call as { type?: string; value?: { type?: string; value?: Record<string, unknown> } } | undefined
  if (c?.type === "Providers" && c.value?.type) {
    const args = c.value.value ?? {}
    const who = typeof args.applicant === "string" ? args.applicant : typeof args.provider === "string" ? args.provider : undefined
    if (who) return `Motion: ${c.value.type} ${nameOf(session, who)} (${who}).`
  }
  const shown = JSON.stringify(call, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? `0x${bytesToHex(v)}` : v))
  return `Motion (not one this portal knows; read it whole before voting): ${(shown ?? "").slice(0, 400)}`
}

function Practitioners() {
  const session = useSession()
  const { api } = session.chain
  const [list] = useFinalized(session, () => api.query.Providers.Practitioners.getValue(session.me))
  const [who, setWho] = useState("")
  return (
    <Section title="Your practitioners" id="practitioners">
      {list && list.length === 0 ? <p>None yet.</p> : null}
      <ul class="cards">
        {(list ?? []).map((p) => (
          <li key={p}>
            {p}{" "}
            <TxButton
              label="Remove"
              kind="danger"
              done="Removed"
              run={(s) => submit(api.tx.Providers.remove_practitioner({ practitioner: p }), session.signer, s)}
            />
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          Offer a post to (their address)
          <input value={who} onInput={(e) => setWho(e.currentTarget.value)} />
        </label>
        <TxButton
          label="Offer"
          done="Offered: they accept from their own account"
          disabled={!ss58Decode(who.trim())}
          run={(s) => submit(api.tx.Providers.offer_employment({ practitioner: who.trim() }), session.signer, s)}
        />
      </form>
    </Section>
  )
}

function BreakGlass() {
  const session = useSession()
  const [patient, setPatient] = useState("")
  const [reason, setReason] = useState("")
  return (
    <Section title="Emergency access (break-glass)" id="break-glass">
      <p>
        For a patient who cannot consent now. The access is short, the patient sees it and may ask the council to review it. The reason
        stays with your clinic; the chain keeps its hash.
      </p>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          The patient's address
          <input value={patient} onInput={(e) => setPatient(e.currentTarget.value)} />
        </label>
        <label>
          Why (required)
          <textarea rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <TxButton
          label="Open emergency access"
          kind="danger"
          done="Opened"
          disabled={!ss58Decode(patient.trim()) || reason.trim().length < 10}
          run={(s) =>
            submit(
              session.chain.api.tx.Consent.open_emergency_access({
                patient: patient.trim(),
                reason: `0x${bytesToHex(blake2b(utf8ToBytes(reason.trim()), { dkLen: 32 }))}`,
              }),
              session.signer,
              s,
            )
          }
        />
      </form>
    </Section>
  )
}
