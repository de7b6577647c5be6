// Transactions as a person sees them: each stage from signed to final, and every failure in
// words with what to do next.

import { InvalidTxError, type PolkadotSigner, type TxEvent } from "polkadot-api"
import { CONSENT_REFUSALS } from "./domain/names.js"

/** Where a transaction is: signed and sent, in a block, final (or failed). */
export type Stage = "signing" | "submitted" | "in-block" | "final"

export const STAGE_WORDS: Record<Stage, string> = {
  signing: "Signing…",
  submitted: "Sent to the network…",
  "in-block": "In a block, waiting for finality…",
  final: "Final",
}

/** A transaction that failed, said in words. */
export class TxFailed extends Error {
  constructor(message: string) {
    super(message)
    this.name = "TxFailed"
  }
}

/** What a dispatch error means, for the errors a patient or clinic meets. */
const MODULE_ERRORS: Record<string, string> = {
  "Patients.AlreadyRegistered": "You are registered already.",
  "Patients.NotPatient": "Register first: the chain does not know this account as a patient.",
  "Patients.SelfRepresentation": "You cannot appoint yourself as your representative.",
  "Patients.TooManyRepresentatives": "You have as many representatives as allowed: dismiss one first.",
  "Patients.EndInPast": "Choose an end date in the future.",
  "Consent.NotPatient": "That account is not a registered patient.",
  "Consent.NotAuthorized": "Only the patient, or a representative they appointed, may do this.",
  "Consent.NothingGranted": "Choose at least one category that is not also an exception.",
  "Consent.InvalidCategories": "Choose at least one category.",
  "Consent.InvalidPeriod": "The dates do not make sense: the end must come after the start, and not in the past.",
  "Consent.SelfGrant": "You cannot grant access to yourself.",
  "Consent.TooManyGrants": "Too many grants: revoke some first.",
  "Consent.TooManyLiveGrants": "Too many grants in force: revoke some first.",
  "Consent.AlreadyRevoked": "That grant is revoked already.",
  "Consent.NoSuchInquiry": "That inquiry is no longer waiting for an answer.",
  "Consent.InquiryExpired": "That inquiry has expired: the requester must ask again.",
  "Consent.BroaderThanAsked": "You can approve less than was asked, not more.",
  "Consent.NotPractitioner": "Only a practitioner of an active clinic may open emergency access.",
  "Consent.EmergencyRateLimited": "Emergency access was opened for this patient moments ago: wait before opening it again.",
  "Consent.RequesterBlocked": "This patient has blocked inquiries from you.",
  "Providers.AlreadyApplied": "This account has applied already: the council decides.",
  "Providers.AlreadyProvider": "This account is a provider already.",
  "Providers.NotApplicant": "There is no such application.",
  "Providers.InvalidName": "Give the clinic's name (not empty, not too long).",
  "Providers.InvalidEndpoint": "The gateway address must be an http(s) URL.",
  "Council.NotMember": "Only a council member (an active provider) may do this.",
  "Council.DuplicateProposal": "The same motion is open already: vote on it instead.",
  "Council.DuplicateVote": "You voted so already.",
  "Balances.InsufficientBalance": "Not enough funds: receive some MED first (a clinic can send them).",
  "Balances.FundsUnavailable": "Not enough free funds: receive some MED first (a clinic can send them).",
}

type Dispatch = { type: string; value?: unknown }

/** A dispatch error in words. */
export function explainDispatch(error: unknown): string {
  const e = error as Dispatch | undefined
  if (e?.type === "Module") {
    const pallet = e.value as Dispatch | undefined
    const inner = pallet?.value as Dispatch | undefined
    const key = `${pallet?.type}.${inner?.type}`
    return MODULE_ERRORS[key] ?? `The chain refused it: ${pallet?.type} says ${inner?.type ?? "no reason"}.`
  }
  if (e?.type === "Token" || e?.type === "Arithmetic") {
    return "Not enough funds for this: receive some MED first (a clinic can send them)."
  }
  if (e?.type === "BadOrigin") return "This account may not do that."
  return `The chain refused it (${e?.type ?? "unknown reason"}).`
}

/** Why the network turned a transaction away before any block, in words. */
export function explainInvalid(error: unknown): string {
  const e = error as Dispatch | undefined
  const inner = e?.value as Dispatch | undefined
  if (e?.type === "Invalid" && inner?.type === "Custom" && typeof inner.value === "number") {
    return CONSENT_REFUSALS[inner.value] ?? `The network refused it (code ${inner.value}).`
  }
  if (e?.type === "Invalid" && inner?.type === "Payment") {
    return "Your account cannot pay the fee: receive some MED first (a clinic can send them)."
  }
  if (e?.type === "Invalid" && (inner?.type === "Stale" || inner?.type === "Future")) {
    return "Another transaction of yours got in first: try again."
  }
  if (e?.type === "Invalid" && inner?.type === "BadProof") return "The signature did not verify: reload the page and unlock again."
  return `The network refused it (${[e?.type, inner?.type].filter(Boolean).join(": ") || "unknown reason"}).`
}

/** Anything a submission threw, in words. */
export function explain(error: unknown): string {
  if (error instanceof TxFailed) return error.message
  if (error instanceof InvalidTxError) return explainInvalid(error.error)
  const text = error instanceof Error ? error.message : String(error)
  if (/websocket|socket|disconnect|ECONN/i.test(text)) return "Lost the connection to the node: check it is running, then try again."
  return text
}

interface Submittable {
  signSubmitAndWatch(signer: PolkadotSigner): { subscribe(o: { next(e: TxEvent): void; error(e: unknown): void }): unknown }
}

/** A finalized transaction: its block and events. */
export interface Finalized {
  block: { hash: string; number: number }
  events: Array<{ type: string; value: { type: string; value: unknown } }>
}

/** Sign, submit and follow `tx` to finality, telling `onStage` each step; rejects with the
 * failure in words. */
export function submit(tx: Submittable, signer: PolkadotSigner, onStage: (s: Stage) => void = () => {}): Promise<Finalized> {
  onStage("signing")
  return new Promise((resolve, reject) => {
    tx.signSubmitAndWatch(signer).subscribe({
      next(ev) {
        if (ev.type === "broadcasted") onStage("submitted")
        if (ev.type === "txBestBlocksState" && ev.found) {
          if (!ev.ok) return reject(new TxFailed(explainDispatch(ev.dispatchError)))
          onStage("in-block")
        }
        if (ev.type === "finalized") {
          if (!ev.ok) return reject(new TxFailed(explainDispatch(ev.dispatchError)))
          onStage("final")
          resolve({ block: ev.block, events: ev.events as unknown as Finalized["events"] })
        }
      },
      error: (e) => reject(new TxFailed(explain(e))),
    })
  })
}
