//! The records the records pallet keeps: a record's document set, and what clients see of it.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use medledger_primitives::{LabelSet, RecordCategory, RecordId};
use scale_info::TypeInfo;
use sp_core::H256;

/// One record's entry on chain.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxMetadata))]
pub struct DocumentSet<AccountId, Balance, BlockNumber, MaxMetadata: Get<u32>> {
	/// Whose record.
	pub patient: AccountId,
	/// Its class.
	pub category: RecordCategory,
	/// Its sensitivity labels: a grant must cover each label's category as well as the class.
	pub labels: LabelSet,
	/// The hash of the ciphertext the custodian stores: a fetched record must match it.
	pub content_hash: H256,
	/// The size of that ciphertext in bytes.
	pub size: u64,
	/// The provider that holds the record.
	pub custodian: AccountId,
	/// Who registered it: the custodian or one of its practitioners; holds the deposit.
	pub registered_by: AccountId,
	/// Metadata (title, date, author...) sealed to the patient's encryption key.
	pub metadata: BoundedVec<u8, MaxMetadata>,
	/// The record this one amends, if any.
	pub supersedes: Option<RecordId>,
	/// The record that amends this one, if any.
	pub superseded_by: Option<RecordId>,
	/// When it was registered.
	pub registered_at: BlockNumber,
	/// A hash of the patient's dispute (their request for an amendment), if disputed.
	pub dispute: Option<H256>,
	/// What `registered_by` holds for this entry.
	pub deposit: Balance,
}

/// Why a receipt of a report was not recorded (the rest of the report still is).
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ReceiptRefusal {
	/// No such record.
	NoSuchRecord,
	/// The reporter's clinic is not the record's custodian.
	NotCustodian,
	/// The grant is not of the record's patient, or not to the requester or its employer.
	GrantMismatch,
	/// The grant was not in force at `released_at`.
	GrantNotValid,
	/// `released_at` is in the future, or before the record was registered.
	ReleasedInFuture,
	/// The grant does not cover the record (its class and every label) for the stated purpose.
	GrantDoesNotCover,
}

/// A document set as clients see it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct RecordSummary<AccountId, BlockNumber> {
	/// Its class.
	pub category: RecordCategory,
	/// Its sensitivity labels.
	pub labels: LabelSet,
	/// The hash of the ciphertext its custodian stores.
	pub content_hash: H256,
	/// The ciphertext's size in bytes.
	pub size: u64,
	/// The provider that holds it.
	pub custodian: AccountId,
	/// Metadata sealed to the patient's key.
	pub metadata: Vec<u8>,
	/// The record it amends.
	pub supersedes: Option<RecordId>,
	/// The record that amends it.
	pub superseded_by: Option<RecordId>,
	/// When it was registered.
	pub registered_at: BlockNumber,
	/// Whether the patient disputed it.
	pub disputed: bool,
}
