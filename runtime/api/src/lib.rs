//! # MedLedger runtime API
//!
//! What the node asks the runtime, at the best block or any block it keeps, to answer the
//! `medledger_*` JSON-RPC methods: the access decision, a patient's live grants, whether a grant
//! was valid at a block, a patient's pending inquiries, records and accounting of disclosures.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::Codec;
use medledger_primitives::{AccessDecision, GrantId, InquiryId, Purpose, RecordCategory, RecordId};
pub use pallet_consent::{Grant, InquirySummary};
pub use pallet_records::{DisclosureLog, RecordSummary};

sp_api::decl_runtime_apis! {
	/// Consent questions, answered from the state of the block the call is made at.
	pub trait ConsentApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// May `requester` read `patient`'s records of `category` (that carry no sensitivity
		/// label) for `purpose`? A labelled record: ask `RecordsApi::record_access`.
		fn access_decision(
			requester: AccountId,
			patient: AccountId,
			category: RecordCategory,
			purpose: Purpose,
		) -> AccessDecision;

		/// Who can access `patient`'s data now, and under which grants.
		fn grants(patient: AccountId) -> Vec<(GrantId, Grant<AccountId, BlockNumber>)>;

		/// Whether `grant` was valid at block `at`; `None` if there is no such grant.
		fn grant_valid_at(grant: GrantId, at: BlockNumber) -> Option<bool>;

		/// The inquiries waiting for `patient`'s answer.
		fn pending_inquiries(patient: AccountId) -> Vec<(InquiryId, InquirySummary<AccountId, BlockNumber>)>;
	}

	/// Record questions, answered from the state of the block the call is made at.
	pub trait RecordsApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// May `requester` read `record` for `purpose`?
		fn record_access(requester: AccountId, record: RecordId, purpose: Purpose) -> AccessDecision;

		/// Up to `limit` of `patient`'s records across every clinic, after `start_after`.
		fn patient_records(
			patient: AccountId,
			start_after: Option<RecordId>,
			limit: u32,
		) -> Vec<(RecordId, RecordSummary<AccountId, BlockNumber>)>;

		/// `patient`'s accounting of disclosures: the count and the running hash.
		fn disclosure_log(patient: AccountId) -> DisclosureLog;
	}
}
