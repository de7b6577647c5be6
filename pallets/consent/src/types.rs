//! The records the consent pallet keeps, and their aliases as a runtime stores them.

use crate::Config;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	traits::{fungible::Inspect, Get},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use medledger_primitives::{
	AccessLevel, CategorySet, Denial, GrantId, GrantPeriod, InquiryId, Purpose,
};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::traits::Saturating;

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A [`Grant`] as this runtime stores it.
pub type GrantOf<T> = Grant<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// An [`IndexEntry`] as this runtime stores it.
pub type IndexEntryOf<T> = IndexEntry<BlockNumberFor<T>>;

/// A [`FixedWindow`] as this runtime stores it.
pub type FixedWindowOf<T> = FixedWindow<BlockNumberFor<T>>;

/// An [`Inquiry`] as this runtime stores it.
pub type InquiryOf<T> = Inquiry<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxNoteLength,
>;

/// How a grant came about.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo, Debug,
)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum GrantOrigin<AccountId> {
	/// The patient (or a representative) granted it.
	Consent,
	/// The patient approved an inquiry.
	Inquiry(InquiryId),
	/// A practitioner of `provider` opened emergency access; `reason` hashes the stated reason,
	/// which the clinic keeps. `flagged` is set when the patient asks the council to review it.
	/// The access holds only while the practitioner works for that provider and it is active.
	BreakGlass { provider: AccountId, reason: H256, flagged: bool },
}

/// A consent grant: patient → grantee, for some categories, one purpose, for a while.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct Grant<AccountId, BlockNumber> {
	/// Whose records.
	pub patient: AccountId,
	/// Who may read them.
	pub grantee: AccountId,
	/// The categories granted.
	pub categories: CategorySet,
	/// Categories excepted: an exception always wins.
	pub except: CategorySet,
	/// The one purpose the grant serves.
	pub purpose: Purpose,
	/// Read, or read and append.
	pub access: AccessLevel,
	/// The first block the grant holds.
	pub starts: BlockNumber,
	/// The first block it no longer holds, if it ends by itself.
	pub ends: Option<BlockNumber>,
	/// The block whose state first saw the revocation, if revoked.
	pub revoked_at: Option<BlockNumber>,
	/// The patient's consent epoch when granted: closing the account ends every grant.
	pub epoch: u32,
	/// Whether the grantee was a provider when granted: such a grant covers its practitioners,
	/// and works only while the provider is active.
	pub to_provider: bool,
	/// How it came about.
	pub origin: GrantOrigin<AccountId>,
}

impl<AccountId, BlockNumber: PartialOrd + Copy> Grant<AccountId, BlockNumber> {
	/// The blocks that decide when the grant is in force, given when the patient closed the
	/// account of its epoch (`closed_at`, from the patient registry), if they did: ask
	/// [`GrantPeriod::in_force`], the one rule.
	pub fn period(&self, closed_at: Option<BlockNumber>) -> GrantPeriod<BlockNumber> {
		GrantPeriod { starts: self.starts, ends: self.ends, revoked_at: self.revoked_at, closed_at }
	}

	/// Whether the grant covers every category of `needed` for `purpose`: an exception of any
	/// one of them wins.
	pub fn covers(&self, needed: CategorySet, purpose: Purpose) -> Result<(), Denial> {
		if !needed.without(self.except).eq(&needed) {
			return Err(Denial::Excepted);
		}
		if !needed.is_subset_of(self.categories) {
			return Err(Denial::NoGrant);
		}
		if self.purpose != purpose {
			return Err(Denial::WrongPurpose);
		}
		Ok(())
	}
}

/// A live grant as the index of (patient, grantee) keeps it: enough to prune lapsed grants
/// without reading them.
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
pub struct IndexEntry<BlockNumber> {
	/// The grant.
	pub grant: GrantId,
	/// Its end block, as in the grant.
	pub ends: Option<BlockNumber>,
	/// Its epoch, as in the grant.
	pub epoch: u32,
}

impl<BlockNumber: PartialOrd + Copy> IndexEntry<BlockNumber> {
	/// Whether the grant may still hold at `now` under the patient's `epoch`: a lapsed grant,
	/// or one of a closed account, never holds again and can leave the index.
	pub fn may_hold(&self, now: BlockNumber, epoch: u32) -> bool {
		self.epoch == epoch && self.ends.is_none_or(|e| now < e)
	}
}

/// The use of a fixed-window rate limit: when the current window started and how many uses it
/// counted. The feeless allowance of consent calls and both break-glass limits keep one each.
///
/// It encodes as the `(start, count)` pair those limits stored before it had a name.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct FixedWindow<BlockNumber> {
	/// The first block of the window.
	pub start: BlockNumber,
	/// The uses counted in it.
	pub count: u32,
}

impl<BlockNumber: Saturating + PartialOrd + Copy> FixedWindow<BlockNumber> {
	/// The window of `length` blocks that holds `now`, given the one stored: that one while it
	/// lasts, else a new one starting at `now` with nothing counted.
	pub fn at(stored: Option<Self>, now: BlockNumber, length: BlockNumber) -> Self {
		match stored {
			Some(window) if now < window.start.saturating_add(length) => window,
			_ => Self { start: now, count: 0 },
		}
	}

	/// The window with one more use counted.
	pub fn counted(self) -> Self {
		Self { count: self.count.saturating_add(1), ..self }
	}
}

/// Why a patient refused an inquiry.
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
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub enum Refusal {
	/// More categories or time than the patient will give.
	TooBroad,
	/// The patient does not accept the purpose.
	PurposeNotAccepted,
	/// The patient does not know or trust the requester.
	UnknownRequester,
	/// Another reason, not stated.
	Other,
	/// The inquiry is spam: the requester's deposit is burned, not returned (see
	/// [`crate::Pallet::answer_inquiry`]). Last, so the other reasons keep their encodings.
	Spam,
}

/// A patient's answer to an inquiry.
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
pub enum Answer<BlockNumber> {
	/// Grant access, possibly narrower than asked: `categories` within those asked, `except`
	/// taken out, and a duration no longer than asked.
	Approve { categories: CategorySet, except: CategorySet, duration: BlockNumber },
	/// Refuse, with a reason.
	Deny(Refusal),
}

/// A request for access, waiting for the patient.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
#[scale_info(skip_type_params(MaxNote))]
pub struct Inquiry<AccountId, Balance, BlockNumber, MaxNote: Get<u32>> {
	/// Who asks.
	pub requester: AccountId,
	/// Whose records.
	pub patient: AccountId,
	/// The categories asked for.
	pub categories: CategorySet,
	/// Why.
	pub purpose: Purpose,
	/// For how many blocks the access is wanted.
	pub duration: BlockNumber,
	/// A note to the patient, encrypted to the patient's key.
	pub note: BoundedVec<u8, MaxNote>,
	/// What the requester holds until the inquiry is answered, withdrawn or expires.
	pub deposit: Balance,
	/// The first block at which the inquiry can no longer be answered.
	pub expires_at: BlockNumber,
}

/// An inquiry as clients see it: everything but the note and the deposit.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
#[cfg_attr(feature = "std", derive(serde::Serialize, serde::Deserialize))]
pub struct InquirySummary<AccountId, BlockNumber> {
	/// Who asks.
	pub requester: AccountId,
	/// The categories asked for.
	pub categories: CategorySet,
	/// Why.
	pub purpose: Purpose,
	/// For how many blocks.
	pub duration: BlockNumber,
	/// The first block it can no longer be answered.
	pub expires_at: BlockNumber,
}
