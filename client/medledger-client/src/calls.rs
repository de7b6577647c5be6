//! The chain's transactions in the domain's words: one typed method per call that the CLI,
//! the gateway and the load tool send, each signing, submitting, waiting as asked and reading
//! its outcome from the transaction's events. How a transaction is signed, sent and followed is
//! in [`crate::chain`]; what the chain says, read at a block, in [`crate::reads`].

use crate::{
	chain::{Config, Hash, Included, Stage, Wait},
	keys::Keys,
	runtime::{self, consent::events as consent, runtime_types},
	types::{
		council, disclosure, AccessLevel, AccountId, Amount, BlockNumber, CategorySet,
		EncryptionKey, GrantId, InquiryId, LabelSet, Purpose, RecordCategory, RecordId,
		RepresentativeScope, RuntimeCall,
	},
	Error, MedLedger,
};
use codec::Encode;
use subxt::{
	events::DecodeAsEvent, extrinsics::ExtrinsicEvents, transactions::Payload, utils::Static,
};

/// A patient's answer to an inquiry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reply {
	/// Grant these categories, less the exceptions, for at most `duration` blocks.
	Approve { categories: CategorySet, except: CategorySet, duration: BlockNumber },
	/// Refuse; the requester's deposit is returned.
	Deny,
	/// Refuse as spam; the requester's deposit is burned.
	DenyAsSpam,
}

/// A grant to make.
#[derive(Clone, Debug)]
pub struct NewGrant {
	/// Whose records.
	pub patient: AccountId,
	/// Who may read them.
	pub grantee: AccountId,
	/// What is granted.
	pub categories: CategorySet,
	/// What is excepted: an exception always wins.
	pub except: CategorySet,
	/// The one purpose it serves.
	pub purpose: Purpose,
	/// Read, or read and append.
	pub access: AccessLevel,
	/// The first block it holds (now if `None`).
	pub starts: Option<BlockNumber>,
	/// The first block it no longer holds, if it ends by itself.
	pub ends: Option<BlockNumber>,
}

/// A document set to register for a new record.
#[derive(Clone, Debug)]
pub struct NewDocumentSet {
	/// Whose record.
	pub patient: AccountId,
	/// Its category (class).
	pub category: RecordCategory,
	/// Its sensitivity labels.
	pub labels: LabelSet,
	/// The hash (BLAKE2-256) of the stored ciphertext.
	pub content_hash: [u8; 32],
	/// The stored ciphertext's size, in bytes.
	pub size: u64,
	/// Metadata sealed to the patient's key.
	pub sealed_metadata: Vec<u8>,
	/// The record this one amends.
	pub supersedes: Option<RecordId>,
}

/// Break-glass access just opened: the grant it made and the first block it no longer holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EmergencyAccess {
	/// The grant.
	pub grant: GrantId,
	/// When it ends by itself.
	pub ends: BlockNumber,
}

/// What became of a council motion just proposed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Proposed {
	/// Open for votes: `ayes` of the `members` are needed.
	Open { motion: Hash, index: u32, ayes: u32, members: u32 },
	/// Carried at once, the council needing one vote; `Err` if the call it carried failed.
	Carried(Result<(), String>),
}

/// What became of a council motion just closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Closed {
	/// It passed, and its call was carried out.
	Carried,
	/// It passed, but its call failed, for this reason.
	Failed(String),
	/// It did not pass.
	Rejected,
}

impl MedLedger {
	/// Register `keys` as a patient, paying the deposit, with its encryption key.
	pub async fn register_patient(&self, keys: &Keys, wait: Wait) -> Result<Included, Error> {
		let call =
			runtime::tx().patients().register(Static(EncryptionKey(keys.encryption_public())));
		Ok(self.submit(&call, keys, wait, |_| {}).await?.0)
	}

	/// Grant access, signed by the patient or a representative who manages their consent.
	pub async fn grant(
		&self,
		signer: &Keys,
		grant: &NewGrant,
		wait: Wait,
		progress: impl FnMut(Stage),
	) -> Result<(GrantId, Included), Error> {
		let call = runtime::tx().consent().grant(
			grant.patient.clone(),
			grant.grantee.clone(),
			Static(grant.categories),
			Static(grant.except),
			Static(grant.purpose),
			Static(grant.access),
			grant.starts,
			grant.ends,
		);
		let (included, events) = self.submit(&call, signer, wait, progress).await?;
		let granted: consent::Granted = event(&events, "Granted")?;
		Ok((granted.grant.0, included))
	}

	/// Revoke a grant; it stops working in the block that includes this.
	pub async fn revoke(
		&self,
		signer: &Keys,
		grant: GrantId,
		wait: Wait,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().consent().revoke(Static(grant));
		Ok(self.submit(&call, signer, wait, progress).await?.0)
	}

	/// Answer an inquiry: approve (possibly narrower, for at most the duration asked) or deny.
	pub async fn answer_inquiry(
		&self,
		signer: &Keys,
		inquiry: InquiryId,
		reply: Reply,
		wait: Wait,
	) -> Result<Included, Error> {
		use runtime_types::pallet_consent::types::{Answer, Refusal};
		let answer = match reply {
			Reply::Approve { categories, except, duration } => {
				Answer::Approve { categories: Static(categories), except: Static(except), duration }
			},
			Reply::Deny => Answer::Deny(Refusal::Other),
			Reply::DenyAsSpam => Answer::Deny(Refusal::Spam),
		};
		let call = runtime::tx().consent().answer_inquiry(Static(inquiry), answer);
		Ok(self.submit(&call, signer, wait, |_| {}).await?.0)
	}

	/// Block `requester` from asking `patient` again (`blocked`), or lift the block.
	pub async fn set_blocked(
		&self,
		signer: &Keys,
		patient: &AccountId,
		requester: &AccountId,
		blocked: bool,
		wait: Wait,
	) -> Result<Included, Error> {
		let consent = runtime::tx().consent();
		let (patient, requester) = (patient.clone(), requester.clone());
		let included = if blocked {
			self.submit(&consent.block_requester(patient, requester), signer, wait, |_| {}).await
		} else {
			self.submit(&consent.unblock_requester(patient, requester), signer, wait, |_| {}).await
		};
		Ok(included?.0)
	}

	/// Register a document set for a new record, signed by the custodian clinic or one of its
	/// practitioners.
	pub async fn register_document_set(
		&self,
		signer: &Keys,
		set: &NewDocumentSet,
		wait: Wait,
	) -> Result<(RecordId, Included), Error> {
		let nonce = self.next_nonce(&signer.account_id()).await?;
		self.register_document_set_with_nonce(signer, set, nonce, wait).await
	}

	/// [`MedLedger::register_document_set`] with the nonce given, for a signer whose
	/// transactions take their nonces from one counter (the records gateway's uploads and
	/// disclosure reports).
	pub async fn register_document_set_with_nonce(
		&self,
		signer: &Keys,
		set: &NewDocumentSet,
		nonce: u64,
		wait: Wait,
	) -> Result<(RecordId, Included), Error> {
		let call = Self::document_set_call(set);
		let (included, events) = self.submit_with_nonce(&call, signer, nonce, wait, |_| {}).await?;
		Ok((Self::registered_record(&events)?, included))
	}

	/// The call that registers `set`'s document set, for a signer that sends its transactions
	/// itself (the records gateway records each before sending it).
	pub fn document_set_call(set: &NewDocumentSet) -> impl Payload {
		runtime::tx().records().register_document_set(
			set.patient,
			Static(set.category),
			Static(set.labels),
			subxt::utils::H256(set.content_hash),
			set.size,
			set.sealed_metadata.clone(),
			set.supersedes.map(Static),
		)
	}

	/// The record a final [`MedLedger::document_set_call`] registered, from its events.
	pub fn registered_record(
		events: &subxt::extrinsics::ExtrinsicEvents<Config>,
	) -> Result<RecordId, Error> {
		let registered: runtime::records::events::DocumentSetRegistered =
			event(events, "DocumentSetRegistered")?;
		Ok(registered.record.0)
	}

	/// The call that reports `receipts` of records released, for a custodian's gateway that
	/// sends its transactions itself (it records each before sending it).
	pub fn disclosure_report_call(
		receipts: &[disclosure::Disclosure<AccountId, BlockNumber>],
	) -> impl Payload {
		let receipts = receipts
			.iter()
			.map(|r| runtime_types::medledger_primitives::disclosure::Disclosure {
				record: Static(r.record),
				requester: r.requester.clone(),
				grant: r.grant.map(Static),
				purpose: Static(r.purpose),
				released_at: r.released_at,
			})
			.collect();
		runtime::tx().records().report_disclosures(receipts)
	}

	/// Appoint `representative` to act for the signer (a patient) within `scope`, on the legal
	/// basis whose hash is `legal_basis`, until block `until` if given.
	pub async fn appoint_representative(
		&self,
		signer: &Keys,
		representative: &AccountId,
		scope: RepresentativeScope,
		legal_basis: [u8; 32],
		until: Option<BlockNumber>,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().patients().appoint_representative(
			representative.clone(),
			Static(scope),
			subxt::utils::H256(legal_basis),
			until,
		);
		Ok(self.submit(&call, signer, Wait::Finalized, progress).await?.0)
	}

	/// Ask `patient` for access to `categories` for `purpose`, for `duration` blocks once
	/// approved, with a note sealed to the patient's key (`sealed_note`, empty for none). The
	/// signer holds the inquiry deposit until the patient answers.
	#[allow(clippy::too_many_arguments)]
	pub async fn inquire(
		&self,
		signer: &Keys,
		patient: &AccountId,
		categories: CategorySet,
		purpose: Purpose,
		duration: BlockNumber,
		sealed_note: Vec<u8>,
		progress: impl FnMut(Stage),
	) -> Result<InquiryId, Error> {
		let call = runtime::tx().consent().inquire(
			patient.clone(),
			Static(categories),
			Static(purpose),
			duration,
			sealed_note,
		);
		let (_, events) = self.submit(&call, signer, Wait::Finalized, progress).await?;
		let made: consent::InquiryMade = event(&events, "InquiryMade")?;
		Ok(made.inquiry.0)
	}

	/// Open break-glass access to `patient`'s emergency categories (a practitioner of an
	/// active provider); only the reason's hash goes on chain, and the patient is notified.
	pub async fn open_emergency_access(
		&self,
		signer: &Keys,
		patient: &AccountId,
		reason: [u8; 32],
		progress: impl FnMut(Stage),
	) -> Result<EmergencyAccess, Error> {
		let call = runtime::tx()
			.consent()
			.open_emergency_access(patient.clone(), subxt::utils::H256(reason));
		let (_, events) = self.submit(&call, signer, Wait::Finalized, progress).await?;
		let opened: consent::EmergencyAccessOpened = event(&events, "EmergencyAccessOpened")?;
		Ok(EmergencyAccess { grant: opened.grant.0, ends: opened.ends })
	}

	/// Apply to join as a provider named `name`, whose gateway answers at `endpoint`, with the
	/// signer's encryption key; the council votes next.
	pub async fn apply(
		&self,
		signer: &Keys,
		name: &str,
		endpoint: &str,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().providers().apply(
			name.as_bytes().to_vec(),
			endpoint.as_bytes().to_vec(),
			Static(EncryptionKey(signer.encryption_public())),
		);
		Ok(self.submit(&call, signer, Wait::Finalized, progress).await?.0)
	}

	/// Offer `practitioner` a post at the signer's clinic; it practises there once it accepts.
	pub async fn offer_employment(
		&self,
		signer: &Keys,
		practitioner: &AccountId,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().providers().offer_employment(practitioner.clone());
		Ok(self.submit(&call, signer, Wait::Finalized, progress).await?.0)
	}

	/// Accept `provider`'s offer: the signer practises there from now on.
	pub async fn accept_employment(
		&self,
		signer: &Keys,
		provider: &AccountId,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().providers().accept_employment(provider.clone());
		Ok(self.submit(&call, signer, Wait::Finalized, progress).await?.0)
	}

	/// Send `amount` to `to`, keeping the signer's account alive.
	pub async fn transfer(
		&self,
		signer: &Keys,
		to: &AccountId,
		amount: Amount,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().balances().transfer_keep_alive(to.clone().into(), amount.0);
		Ok(self.submit(&call, signer, Wait::Finalized, progress).await?.0)
	}

	/// Propose a council motion to carry out `call`, needing two thirds of the council as it is
	/// now ([`council::threshold`]). A council of one carries it at once.
	pub async fn propose_motion(
		&self,
		signer: &Keys,
		call: RuntimeCall,
		progress: impl FnMut(Stage),
	) -> Result<Proposed, Error> {
		let members = self.council_members(self.finalized_head().await?).await?.len() as u32;
		let ayes = council::threshold(members);
		let length = call.encoded_size() as u32;
		let propose = runtime::tx().council().propose(ayes, call, length);
		let (_, events) = self.submit(&propose, signer, Wait::Finalized, progress).await?;
		use runtime::council::events::{Executed, Proposed as MotionProposed};
		if let Some(proposed) = events.find_first::<MotionProposed>() {
			let proposed = proposed.map_err(Error::node)?;
			return Ok(Proposed::Open {
				motion: proposed.proposal_hash,
				index: proposed.proposal_index,
				ayes,
				members,
			});
		}
		let executed: Executed = event(&events, "Proposed or Executed")?;
		Ok(Proposed::Carried(executed.result.map_err(|e| format!("{e:?}"))))
	}

	/// Vote on the open motion `motion` (its `index` as proposed): aye, or nay.
	pub async fn vote(
		&self,
		signer: &Keys,
		motion: Hash,
		index: u32,
		aye: bool,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().council().vote(motion, index, aye);
		Ok(self.submit(&call, signer, Wait::Finalized, progress).await?.0)
	}

	/// Close the open motion `motion`: carried out if it has its ayes, rejected otherwise. The
	/// weight and length it may take are the motion's own call's, as the runtime weighs it.
	pub async fn close_motion(
		&self,
		signer: &Keys,
		motion: Hash,
		index: u32,
		progress: impl FnMut(Stage),
	) -> Result<Closed, Error> {
		let at = self.finalized_head().await?;
		let proposal = self
			.council_motion(motion, at)
			.await?
			.ok_or_else(|| Error::Invalid(format!("no open motion {motion:?}")))?;
		let members = self.council_members(at).await?.len() as u32;
		let votes = self.council_motions(at).await?.into_iter().find(|(m, _)| *m == motion);
		if let Some((_, votes)) = votes {
			if let Some(refusal) =
				premature_close(votes.ayes.len() as u32, votes.threshold, members)
			{
				return Err(Error::Invalid(refusal));
			}
		}
		let length = proposal.encoded_size() as u32;
		let weight = self.call_weight(proposal, at).await?;
		let call = runtime::tx().council().close(motion, index, weight, length);
		let (_, events) = self.submit(&call, signer, Wait::Finalized, progress).await?;
		match events.find_first::<runtime::council::events::Executed>() {
			None => Ok(Closed::Rejected),
			Some(executed) => match executed.map_err(Error::node)?.result {
				Ok(()) => Ok(Closed::Carried),
				Err(e) => Ok(Closed::Failed(format!("{e:?}"))),
			},
		}
	}

	/// Return the deposit of a motion that is no longer open to its proposer.
	pub async fn release_motion_deposit(
		&self,
		signer: &Keys,
		motion: Hash,
		progress: impl FnMut(Stage),
	) -> Result<Included, Error> {
		let call = runtime::tx().council().release_proposal_cost(motion);
		Ok(self.submit(&call, signer, Wait::Finalized, progress).await?.0)
	}
}

/// Why closing a motion now would throw it away, if it would: it has the ayes its proposer
/// asked for, but the council has grown since, and its call needs two thirds of the council as
/// it is now ([`council::threshold`]). Closed, it would be carried and then fail, and be gone;
/// left open, new members can still vote for it. A motion short of its own threshold closes as
/// rejected, which is what closing it means.
pub fn premature_close(ayes: u32, threshold: u32, members: u32) -> Option<String> {
	let needed = council::threshold(members);
	(ayes >= threshold && ayes < needed).then(|| {
		format!(
			"the council has {members} members now: the motion needs {needed} ayes to carry and \
			 has {ayes}; closed now, it would be carried and fail. Ask more members to vote"
		)
	})
}

#[cfg(test)]
mod tests {
	use super::premature_close;

	#[test]
	fn a_motion_is_not_closed_away_when_the_council_grew() {
		// Proposed in a council of 3 (2 ayes needed), closed in a council of 6 (4 needed).
		assert!(premature_close(2, 2, 6).unwrap().contains("needs 4 ayes"));
		assert!(premature_close(3, 2, 6).is_some());
		// Enough ayes for the council as it is now: it closes.
		assert_eq!(premature_close(4, 2, 6), None);
		// Short of its own threshold: it closes as rejected.
		assert_eq!(premature_close(1, 2, 6), None);
		// The council as proposed.
		assert_eq!(premature_close(2, 2, 3), None);
	}
}

/// The first event `E` of a transaction's `events`, which its success implies (`name` says
/// which, should it be missing).
fn event<E: DecodeAsEvent>(events: &ExtrinsicEvents<Config>, name: &str) -> Result<E, Error> {
	events
		.find_first::<E>()
		.transpose()
		.map_err(Error::node)?
		.ok_or_else(|| Error::Node(format!("the transaction was included without a {name} event")))
}
