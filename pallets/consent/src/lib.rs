//! # Consent Pallet
//!
//! Who may read a patient's records, for what, and until when; and the one access decision
//! that the other pallets, the runtime API, the records gateway and the contracts all use.
//! `docs/consent-model.md` states the rules with examples.
//!
//! ## Overview
//!
//! - A **grant** is patient → grantee (any account: a provider, which covers its practitioners
//!   while it is active; one practitioner; an insurer; a researcher; a family member), for a
//!   [`CategorySet`] minus exceptions (an exception always wins), bound to one [`Purpose`], at an
//!   [`AccessLevel`], from a start block and optionally until an end block. It lapses by
//!   itself: the decision compares block numbers, no transaction is needed.
//! - **Revocation** takes effect in the block that includes it, and the grant keeps its start,
//!   end and revocation blocks, so [`Pallet::grant_valid_at`] answers "was this grant valid at T?".
//!   Grant records are kept for the chain's life (receipts of disclosures are judged against
//!   them); what is bounded is how many a patient keeps **live**: at most
//!   [`Config::MaxLiveGrants`] made by consent (grants and approved inquiries). A lapsed grant
//!   counts until it is swept out of the index; a grant made at the cap first sweeps the
//!   patient's lapsed grants, and is refused only if none lapsed. Break-glass accesses count
//!   too, and sweep at the cap too, but are never refused by it: an emergency must not fail on
//!   the patient's bookkeeping (they are bounded by their own rate limits and lapse within
//!   [`Config::EmergencyAccessDuration`]).
//! - An **inquiry** asks a patient for access, holding a deposit; the patient approves
//!   (possibly narrower), which creates the grant, or denies with a reason; unanswered, it
//!   expires. A patient has at most [`Config::MaxPendingInquiries`] pending, at most
//!   [`Config::MaxPendingInquiriesPerRequester`] of them from one requester, so one requester
//!   cannot take the whole list. A denial as [`Refusal::Spam`] burns the deposit instead of
//!   returning it.
//! - **Blocking**: the patient (or a representative who manages consent) may block a requester,
//!   up to [`Config::MaxBlockedRequesters`]; a blocked requester cannot inquire. Blocking
//!   withdraws none of the requester's pending inquiries and revokes none of its grants.
//! - **Break-glass**: a practitioner of an active provider opens time-boxed emergency access to
//!   the emergency categories for emergency treatment, loudly evented and rate-limited; the
//!   patient can flag it for the council's review.
//! - [`Pallet::access_decision`] answers requester + patient + category + purpose at a block:
//!   allowed under which grant, or denied with why. It reads the patient, the requester's
//!   employer, and at most two index entries of at most [`Config::MaxGrantsPerGrantee`] grants
//!   (grants of a closed account are skipped unread).
//!
//! Only the patient, or a representative whose scope lets it manage consent, grants, revokes,
//! answers, blocks and unblocks.
//!
//! ## Invariants
//!
//! - Every grant in the index of (patient, grantee) exists, is of that patient and grantee, is
//!   not revoked, and its entry carries its end and epoch.
//! - A patient's live-grant count is the number of entries in the patient's index, across all
//!   grantees (lapsed entries count until they are swept), and no zero count is stored.
//! - Every pending inquiry of a patient exists and is of that patient; every inquiry is pending
//!   for its patient.
//! - The count of pending inquiries of (patient, requester) is the number of the patient's
//!   pending inquiries from that requester, and no zero count is stored. (`inquire` keeps it at
//!   most `MaxPendingInquiriesPerRequester`; inquiries made before version 1 may exceed it.)
//! - Every inquiry's requester has its deposit on hold (summed per requester).
//! - A patient's blocked count is the number of requesters it blocked, at most
//!   `MaxBlockedRequesters`, and no zero count is stored.
//! - Identifier counters are above every identifier in use.
//!
//! See [`Config`] and [`Call`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use extension::{CheckConsentCall, InvalidConsentCall};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

mod allowance;
mod authorization;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod decision;
mod emergency;
mod extension;
mod grants;
mod inquiries;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision},
		DefensiveSaturating,
	},
};
use frame_system::pallet_prelude::*;
use medledger_primitives::{
	AccessDecision, AccessLevel, CategorySet, Denial, GrantId, InquiryId, PatientRegistry,
	ProviderRegistry, ProviderStatus, Purpose,
};
use sp_core::H256;
use sp_runtime::traits::Saturating;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Version 2: a break-glass grant names its provider ([`crate::migrations::v2`]), after
	/// version 1's live-grant and per-requester counts, and blocking ([`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency inquiry deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The patient registry: who is a patient, and who may act for one.
		type Patients: PatientRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The provider registry: providers' standing and practitioners' employers.
		type Providers: ProviderRegistry<Self::AccountId>;

		/// The deposit held from a requester while an inquiry is pending. It pays for the
		/// inquiry's record (the fixed fields and up to `MaxNoteLength` note bytes, see
		/// [`Inquiry`]) and its place in the patient's pending list.
		#[pallet::constant]
		type InquiryDeposit: Get<BalanceOf<Self>>;

		/// The most live grants one patient may have to one grantee.
		#[pallet::constant]
		type MaxGrantsPerGrantee: Get<u32>;

		/// The most live grants one patient may have, to all grantees together: grants cost no
		/// deposit, so this bounds what one patient's index holds and what the runtime API's
		/// list of live grants returns. A grant made at the cap first sweeps the patient's
		/// lapsed grants out of the index (reading at most this many grantees' index lists),
		/// and is refused only if none lapsed. Break-glass accesses count, and sweep at the cap,
		/// but are never refused. At least `MaxGrantsPerGrantee`.
		#[pallet::constant]
		type MaxLiveGrants: Get<u32>;

		/// The most inquiries pending for one patient: nobody can flood a patient.
		#[pallet::constant]
		type MaxPendingInquiries: Get<u32>;

		/// The most inquiries one requester may have pending for one patient: one requester
		/// cannot fill the patient's pending list. At most `MaxPendingInquiries`.
		#[pallet::constant]
		type MaxPendingInquiriesPerRequester: Get<u32>;

		/// The most requesters one patient may block.
		#[pallet::constant]
		type MaxBlockedRequesters: Get<u32>;

		/// The longest encrypted note of an inquiry, in bytes.
		#[pallet::constant]
		type MaxNoteLength: Get<u32>;

		/// For how many blocks an inquiry can be answered.
		#[pallet::constant]
		type InquiryLifetime: Get<BlockNumberFor<Self>>;

		/// For how many blocks break-glass access lasts.
		#[pallet::constant]
		type EmergencyAccessDuration: Get<BlockNumberFor<Self>>;

		/// The categories break-glass access opens.
		#[pallet::constant]
		type EmergencyCategories: Get<CategorySet>;

		/// How many break-glass accesses one practitioner may open per
		/// [`Config::EmergencyWindow`].
		#[pallet::constant]
		type MaxEmergencyAccessesPerWindow: Get<u32>;

		/// How many break-glass accesses the practitioners of one provider may open, together,
		/// per [`Config::EmergencyWindow`]: a clinic cannot lift the limit by adding staff.
		#[pallet::constant]
		type MaxEmergencyAccessesPerProviderPerWindow: Get<u32>;

		/// The window of the break-glass rate limit, in blocks.
		#[pallet::constant]
		type EmergencyWindow: Get<BlockNumberFor<Self>>;

		/// How many consent calls per [`Config::FeelessWindow`] a patient (with their
		/// representatives) makes without fees; past it they pay like everyone else, so
		/// feeless calls cannot fill blocks.
		#[pallet::constant]
		type MaxFeelessCallsPerWindow: Get<u32>;

		/// The window of the feeless allowance, in blocks.
		#[pallet::constant]
		type FeelessWindow: Get<BlockNumberFor<Self>>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;

		/// Makes patients and practitioners, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a pending inquiry.
		InquiryDeposit,
	}

	/// The identifier the next grant gets.
	#[pallet::storage]
	pub type NextGrantId<T> = StorageValue<_, GrantId, ValueQuery>;

	/// Every grant ever made, kept after it ends so its history can be asked.
	#[pallet::storage]
	pub type Grants<T: Config> = StorageMap<_, Twox64Concat, GrantId, GrantOf<T>, OptionQuery>;

	/// The live (not revoked) grants of each patient to each grantee: the access decision's
	/// index. Each entry carries the grant's end and epoch, so lapsed grants leave it without
	/// being read.
	#[pallet::storage]
	pub type GrantIndex<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<IndexEntryOf<T>, T::MaxGrantsPerGrantee>,
		ValueQuery,
	>;

	/// How many entries each patient's index holds, across all grantees: the patient's live
	/// grants, with lapsed ones until they are swept out. Bounded by `MaxLiveGrants` for the
	/// grants a patient makes (break-glass accesses count but are never refused).
	#[pallet::storage]
	pub type LiveGrantCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The identifier the next inquiry gets.
	#[pallet::storage]
	pub type NextInquiryId<T> = StorageValue<_, InquiryId, ValueQuery>;

	/// Inquiries waiting for an answer.
	#[pallet::storage]
	pub type Inquiries<T: Config> =
		StorageMap<_, Twox64Concat, InquiryId, InquiryOf<T>, OptionQuery>;

	/// Each patient's pending inquiries.
	#[pallet::storage]
	pub type PendingInquiries<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<InquiryId, T::MaxPendingInquiries>,
		ValueQuery,
	>;

	/// How many inquiries each requester has pending for each patient (patient, requester),
	/// at most `MaxPendingInquiriesPerRequester` for those made since storage version 1; kept
	/// only while non-zero.
	#[pallet::storage]
	pub type PendingPerRequester<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		u32,
		ValueQuery,
	>;

	/// The requesters each patient blocked (patient, requester): they cannot inquire.
	#[pallet::storage]
	pub type Blocked<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// How many requesters each patient blocked, at most `MaxBlockedRequesters`; kept only
	/// while non-zero.
	#[pallet::storage]
	pub type BlockedCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// Consent calls per patient, in the current [`Config::FeelessWindow`].
	#[pallet::storage]
	pub type FeelessUse<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, FixedWindowOf<T>, OptionQuery>;

	/// Break-glass use per practitioner, in the current [`Config::EmergencyWindow`].
	#[pallet::storage]
	pub type EmergencyUse<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, FixedWindowOf<T>, OptionQuery>;

	/// Break-glass use per provider, by all its practitioners together, in the current
	/// [`Config::EmergencyWindow`].
	#[pallet::storage]
	pub type ProviderEmergencyUse<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, FixedWindowOf<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A patient granted access.
		Granted {
			grant: GrantId,
			patient: T::AccountId,
			grantee: T::AccountId,
			categories: CategorySet,
			except: CategorySet,
			purpose: Purpose,
			ends: Option<BlockNumberFor<T>>,
		},
		/// A grant was revoked; it stops working in this block.
		Revoked { grant: GrantId, patient: T::AccountId, grantee: T::AccountId },
		/// Someone asked a patient for access.
		InquiryMade {
			inquiry: InquiryId,
			patient: T::AccountId,
			requester: T::AccountId,
			categories: CategorySet,
			purpose: Purpose,
		},
		/// The patient approved an inquiry, creating `grant`.
		InquiryApproved { inquiry: InquiryId, patient: T::AccountId, grant: GrantId },
		/// The patient denied an inquiry.
		InquiryDenied { inquiry: InquiryId, patient: T::AccountId, reason: Refusal },
		/// The requester withdrew an inquiry.
		InquiryWithdrawn { inquiry: InquiryId, patient: T::AccountId },
		/// An unanswered inquiry expired and was cleared.
		InquiryExpired { inquiry: InquiryId, patient: T::AccountId },
		/// EMERGENCY: a practitioner opened break-glass access to a patient's records.
		EmergencyAccessOpened {
			grant: GrantId,
			patient: T::AccountId,
			practitioner: T::AccountId,
			provider: T::AccountId,
			reason: H256,
			ends: BlockNumberFor<T>,
		},
		/// The patient flagged a break-glass access for the council's review.
		EmergencyAccessFlagged { grant: GrantId, patient: T::AccountId, practitioner: T::AccountId },
		/// The patient denied an inquiry as spam: `amount` of the requester's deposit was
		/// burned.
		DepositForfeited { inquiry: InquiryId, requester: T::AccountId, amount: BalanceOf<T> },
		/// The patient blocked a requester: it can no longer inquire.
		RequesterBlocked { patient: T::AccountId, requester: T::AccountId },
		/// The patient unblocked a requester: it may inquire again.
		RequesterUnblocked { patient: T::AccountId, requester: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is not a registered patient.
		NotPatient,
		/// The caller may not manage this patient's consent.
		NotAuthorized,
		/// The category set names no category, or an unknown one.
		InvalidCategories,
		/// After the exceptions, the grant would cover nothing.
		NothingGranted,
		/// The end must come after the start and after now.
		InvalidPeriod,
		/// A patient cannot grant to themself.
		SelfGrant,
		/// The patient has `MaxGrantsPerGrantee` live grants to this grantee already.
		TooManyGrants,
		/// No such grant.
		NoSuchGrant,
		/// The grant was revoked already.
		AlreadyRevoked,
		/// The patient has `MaxPendingInquiries` pending inquiries already.
		TooManyPendingInquiries,
		/// The note is longer than `MaxNoteLength`.
		NoteTooLong,
		/// The duration must be positive.
		InvalidDuration,
		/// No such inquiry pending.
		NoSuchInquiry,
		/// The inquiry expired and can no longer be answered.
		InquiryExpired,
		/// The inquiry has not expired yet.
		InquiryNotExpired,
		/// The approval is broader than the inquiry: more categories or more time.
		BroaderThanAsked,
		/// Only the requester may withdraw an inquiry.
		NotRequester,
		/// Only a practitioner of an active provider may open break-glass access.
		NotPractitioner,
		/// The practitioner opened `MaxEmergencyAccessesPerWindow` accesses in this window, or
		/// the provider's practitioners `MaxEmergencyAccessesPerProviderPerWindow`.
		EmergencyRateLimited,
		/// A representative may not give access to itself, its clinic or its clinic's staff.
		SelfServing,
		/// The grant is not a break-glass access.
		NotEmergencyAccess,
		/// An identifier counter would overflow.
		Overflow,
		/// The patient has `MaxLiveGrants` live grants, none of them lapsed: revoke one first.
		TooManyLiveGrants,
		/// The requester has `MaxPendingInquiriesPerRequester` inquiries pending for this
		/// patient already: withdraw one, or wait for an answer or its expiry.
		TooManyInquiriesFromRequester,
		/// The patient blocked this requester.
		RequesterBlocked,
		/// The patient blocked `MaxBlockedRequesters` requesters already: unblock one first.
		TooManyBlocked,
		/// The requester is blocked already.
		AlreadyBlocked,
		/// The requester is not blocked.
		NotBlocked,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			Self::do_integrity_test()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Grant `grantee` access to `patient`'s records.
		///
		/// The origin must be signed by the patient, or a representative whose scope lets it
		/// manage consent.
		///
		/// - `categories` minus `except`: what is granted; an exception always wins.
		/// - `purpose`: the one purpose the grant serves.
		/// - `starts`: the first block it holds (now if `None` or past).
		/// - `ends`: the first block it no longer holds, if it ends by itself.
		///
		/// At the patient's `MaxLiveGrants`, the patient's lapsed grants are first swept out of
		/// the index (their records stay); the grant is refused only if none had lapsed.
		///
		/// # Events
		/// [`Event::Granted`].
		///
		/// # Errors
		/// [`Error::NotAuthorized`], [`Error::SelfServing`], [`Error::NotPatient`],
		/// [`Error::SelfGrant`], [`Error::InvalidCategories`], [`Error::NothingGranted`],
		/// [`Error::InvalidPeriod`], [`Error::TooManyLiveGrants`], [`Error::TooManyGrants`],
		/// [`Error::Overflow`].
		///
		/// # Weight
		/// Charged for a sweep of `MaxLiveGrants` index lists (one per grantee) on top of the
		/// grant; refunded to the lists the sweep actually read (none when the patient is below
		/// the cap).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant(T::MaxGrantsPerGrantee::get())
			.saturating_add(Pallet::<T>::sweep_weight(T::MaxLiveGrants::get())))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient: &T::AccountId, _grantee: &T::AccountId,
			_categories: &CategorySet, _except: &CategorySet, _purpose: &Purpose,
			_access: &AccessLevel, _starts: &Option<BlockNumberFor<T>>,
			_ends: &Option<BlockNumberFor<T>>| -> bool {
			Pallet::<T>::is_feeless(origin, patient)
		})]
		#[allow(clippy::too_many_arguments)]
		pub fn grant(
			origin: OriginFor<T>,
			patient: T::AccountId,
			grantee: T::AccountId,
			categories: CategorySet,
			except: CategorySet,
			purpose: Purpose,
			access: AccessLevel,
			starts: Option<BlockNumberFor<T>>,
			ends: Option<BlockNumberFor<T>>,
		) -> DispatchResultWithPostInfo {
			let agent = ensure_signed(origin)?;
			let swept = Self::do_grant_by_consent(
				agent, patient, grantee, categories, except, purpose, access, starts, ends,
			)?;
			// The fee follows the index lists the sweep read, not the most there could be.
			let weight = T::WeightInfo::grant(T::MaxGrantsPerGrantee::get());
			Ok(Some(weight.saturating_add(Self::sweep_weight(swept))).into())
		}

		/// Revoke a grant. It stops working in this block; its history is kept.
		///
		/// The origin must be signed by the grant's patient, or a representative whose scope
		/// lets it manage consent.
		///
		/// # Events
		/// [`Event::Revoked`].
		///
		/// # Errors
		/// [`Error::NoSuchGrant`], [`Error::NotAuthorized`], [`Error::AlreadyRevoked`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke(T::MaxGrantsPerGrantee::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, grant: &GrantId| -> bool {
			Grants::<T>::get(grant).is_some_and(|g| Pallet::<T>::is_feeless(origin, &g.patient))
		})]
		pub fn revoke(origin: OriginFor<T>, grant: GrantId) -> DispatchResult {
			let agent = ensure_signed(origin)?;
			let record = Grants::<T>::get(grant).ok_or(Error::<T>::NoSuchGrant)?;
			Self::ensure_manages(&agent, &record.patient)?;
			ensure!(record.revoked_at.is_none(), Error::<T>::AlreadyRevoked);
			Self::do_revoke(grant, record);
			Ok(())
		}

		/// Revoke every live grant of `patient` to `grantee`.
		///
		/// The origin must be signed by the patient, or a representative whose scope lets it
		/// manage consent.
		///
		/// # Events
		/// [`Event::Revoked`] for each grant.
		///
		/// # Errors
		/// [`Error::NotAuthorized`].
		///
		/// # Weight
		/// Charged for the grants actually revoked.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::revoke_all(T::MaxGrantsPerGrantee::get()))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient: &T::AccountId, _grantee: &T::AccountId| -> bool {
			Pallet::<T>::is_feeless(origin, patient)
		})]
		pub fn revoke_all(
			origin: OriginFor<T>,
			patient: T::AccountId,
			grantee: T::AccountId,
		) -> DispatchResultWithPostInfo {
			let agent = ensure_signed(origin)?;
			let revoked = Self::do_revoke_all(agent, patient, grantee)?;
			// The fee follows the grants actually revoked, not the most there could be.
			Ok(Some(T::WeightInfo::revoke_all(revoked)).into())
		}

		/// Ask `patient` for access, holding `InquiryDeposit` until it is answered, withdrawn
		/// or expires.
		///
		/// The origin may be any signed account (a provider, practitioner, insurer, researcher
		/// or family member): the deposit is what it takes.
		///
		/// - `duration`: for how many blocks access is wanted.
		/// - `note`: a message to the patient, encrypted to the patient's key.
		///
		/// A requester may have at most `MaxPendingInquiriesPerRequester` inquiries pending for
		/// one patient, and none if the patient blocked it.
		///
		/// # Events
		/// [`Event::InquiryMade`].
		///
		/// # Errors
		/// [`Error::NotPatient`], [`Error::RequesterBlocked`], [`Error::InvalidCategories`],
		/// [`Error::InvalidDuration`], [`Error::NoteTooLong`],
		/// [`Error::TooManyPendingInquiries`], [`Error::TooManyInquiriesFromRequester`],
		/// [`Error::Overflow`], or a token error if the deposit cannot be held.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::inquire(T::MaxPendingInquiries::get()))]
		pub fn inquire(
			origin: OriginFor<T>,
			patient: T::AccountId,
			categories: CategorySet,
			purpose: Purpose,
			duration: BlockNumberFor<T>,
			note: Vec<u8>,
		) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			Self::do_inquire(requester, patient, categories, purpose, duration, note)
		}

		/// Answer an inquiry: approve, possibly narrower than asked, which creates the grant
		/// (starting now, for the approved duration), or deny with a reason. The requester's
		/// deposit is returned, except on a denial as [`Refusal::Spam`], which burns it.
		///
		/// Burning, rather than paying the deposit to the patient, keeps marking inquiries as
		/// spam from being profitable: a patient (or a representative) gains nothing by it, so
		/// the only reason to do it is to make spamming cost the spammer.
		///
		/// The origin must be signed by the patient, or a representative whose scope lets it
		/// manage consent.
		///
		/// # Events
		/// [`Event::InquiryApproved`] with [`Event::Granted`], or [`Event::InquiryDenied`]
		/// (after [`Event::DepositForfeited`] for spam).
		///
		/// # Errors
		/// [`Error::NoSuchInquiry`], [`Error::NotAuthorized`], [`Error::InquiryExpired`],
		/// [`Error::SelfServing`], [`Error::BroaderThanAsked`], and the errors of
		/// [`Pallet::grant`].
		///
		/// # Weight
		/// Charged for a sweep of `MaxLiveGrants` index lists on top of the answer, as
		/// [`Pallet::grant`]; refunded to the lists the sweep actually read (none for a denial,
		/// or an approval below the cap).
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::answer_inquiry(
			T::MaxPendingInquiries::get(),
			T::MaxGrantsPerGrantee::get(),
		)
		.saturating_add(Pallet::<T>::sweep_weight(T::MaxLiveGrants::get())))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, inquiry: &InquiryId, _answer: &Answer<BlockNumberFor<T>>| -> bool {
			Inquiries::<T>::get(inquiry).is_some_and(|i| Pallet::<T>::is_feeless(origin, &i.patient))
		})]
		pub fn answer_inquiry(
			origin: OriginFor<T>,
			inquiry: InquiryId,
			answer: Answer<BlockNumberFor<T>>,
		) -> DispatchResultWithPostInfo {
			let agent = ensure_signed(origin)?;
			let swept = Self::do_answer_inquiry(agent, inquiry, answer)?;
			// The fee follows the index lists the sweep read, not the most there could be.
			let weight = T::WeightInfo::answer_inquiry(
				T::MaxPendingInquiries::get(),
				T::MaxGrantsPerGrantee::get(),
			);
			Ok(Some(weight.saturating_add(Self::sweep_weight(swept))).into())
		}

		/// Withdraw an inquiry and get the deposit back.
		///
		/// The origin must be signed by the requester.
		///
		/// # Events
		/// [`Event::InquiryWithdrawn`].
		///
		/// # Errors
		/// [`Error::NoSuchInquiry`], [`Error::NotRequester`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::withdraw_inquiry(T::MaxPendingInquiries::get()))]
		pub fn withdraw_inquiry(origin: OriginFor<T>, inquiry: InquiryId) -> DispatchResult {
			let requester = ensure_signed(origin)?;
			let record = Inquiries::<T>::get(inquiry).ok_or(Error::<T>::NoSuchInquiry)?;
			ensure!(record.requester == requester, Error::<T>::NotRequester);
			Self::close_inquiry(inquiry, &record)?;
			Self::deposit_event(Event::InquiryWithdrawn { inquiry, patient: record.patient });
			Ok(())
		}

		/// Clear an expired inquiry, returning the requester's deposit.
		///
		/// The origin may be any signed account.
		///
		/// # Events
		/// [`Event::InquiryExpired`].
		///
		/// # Errors
		/// [`Error::NoSuchInquiry`], [`Error::InquiryNotExpired`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reap_inquiry(T::MaxPendingInquiries::get()))]
		pub fn reap_inquiry(origin: OriginFor<T>, inquiry: InquiryId) -> DispatchResult {
			ensure_signed(origin)?;
			let record = Inquiries::<T>::get(inquiry).ok_or(Error::<T>::NoSuchInquiry)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now >= record.expires_at, Error::<T>::InquiryNotExpired);
			Self::close_inquiry(inquiry, &record)?;
			Self::deposit_event(Event::InquiryExpired { inquiry, patient: record.patient });
			Ok(())
		}

		/// Open break-glass access to `patient`'s emergency categories, for emergency
		/// treatment, for `EmergencyAccessDuration` blocks. `reason` hashes the stated reason,
		/// which the clinic keeps in its record of the emergency.
		///
		/// The origin must be signed by a practitioner of an active provider, at most
		/// `MaxEmergencyAccessesPerWindow` times per `EmergencyWindow`, and the provider's
		/// practitioners together at most `MaxEmergencyAccessesPerProviderPerWindow` times. The
		/// access works only while the practitioner stays employed by the same provider and that
		/// provider stays active. It
		/// counts as one of the patient's live grants, and at the cap sweeps the patient's lapsed
		/// grants out of the index like any grant, but `MaxLiveGrants` never refuses it.
		///
		/// # Events
		/// [`Event::Granted`] and [`Event::EmergencyAccessOpened`].
		///
		/// # Errors
		/// [`Error::NotPractitioner`], [`Error::NotPatient`], [`Error::EmergencyRateLimited`],
		/// [`Error::TooManyGrants`], [`Error::Overflow`].
		///
		/// # Weight
		/// Charged for a sweep of `MaxLiveGrants` index lists, made when the patient is at the
		/// cap; refunded to the lists the sweep actually read.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::open_emergency_access(T::MaxGrantsPerGrantee::get())
			.saturating_add(Pallet::<T>::sweep_weight(T::MaxLiveGrants::get())))]
		pub fn open_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			reason: H256,
		) -> DispatchResultWithPostInfo {
			let practitioner = ensure_signed(origin)?;
			let swept = Self::do_open_emergency_access(practitioner, patient, reason)?;
			// The fee follows the index lists the sweep read, not the most there could be.
			let weight = T::WeightInfo::open_emergency_access(T::MaxGrantsPerGrantee::get());
			Ok(Some(weight.saturating_add(Self::sweep_weight(swept))).into())
		}

		/// Flag a break-glass access for the council's review.
		///
		/// The origin must be signed by the patient, or a representative whose scope lets it
		/// manage consent.
		///
		/// # Events
		/// [`Event::EmergencyAccessFlagged`].
		///
		/// # Errors
		/// [`Error::NoSuchGrant`], [`Error::NotAuthorized`], [`Error::NotEmergencyAccess`].
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::flag_emergency_access())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, grant: &GrantId| -> bool {
			Grants::<T>::get(grant).is_some_and(|g| Pallet::<T>::is_feeless(origin, &g.patient))
		})]
		pub fn flag_emergency_access(origin: OriginFor<T>, grant: GrantId) -> DispatchResult {
			let agent = ensure_signed(origin)?;
			Self::do_flag_emergency_access(agent, grant)
		}

		/// Block `requester` from inquiring of `patient`. Its pending inquiries stay (the
		/// patient answers them, or they expire) and its grants are untouched.
		///
		/// The origin must be signed by the patient, or a representative whose scope lets it
		/// manage consent.
		///
		/// # Events
		/// [`Event::RequesterBlocked`].
		///
		/// # Errors
		/// [`Error::NotAuthorized`], [`Error::AlreadyBlocked`], [`Error::TooManyBlocked`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::block_requester())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient: &T::AccountId, _requester: &T::AccountId| -> bool {
			Pallet::<T>::is_feeless(origin, patient)
		})]
		pub fn block_requester(
			origin: OriginFor<T>,
			patient: T::AccountId,
			requester: T::AccountId,
		) -> DispatchResult {
			let agent = ensure_signed(origin)?;
			Self::do_block_requester(agent, patient, requester)
		}

		/// Let a blocked `requester` inquire of `patient` again.
		///
		/// The origin must be signed by the patient, or a representative whose scope lets it
		/// manage consent.
		///
		/// # Events
		/// [`Event::RequesterUnblocked`].
		///
		/// # Errors
		/// [`Error::NotAuthorized`], [`Error::NotBlocked`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::unblock_requester())]
		#[pallet::feeless_if(|origin: &OriginFor<T>, patient: &T::AccountId, _requester: &T::AccountId| -> bool {
			Pallet::<T>::is_feeless(origin, patient)
		})]
		pub fn unblock_requester(
			origin: OriginFor<T>,
			patient: T::AccountId,
			requester: T::AccountId,
		) -> DispatchResult {
			let agent = ensure_signed(origin)?;
			Self::do_unblock_requester(agent, patient, requester)
		}
	}
}

/// Makes patients and practitioners, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Make `who` (already funded) a registered patient.
	fn register_patient(who: &AccountId);
	/// A practitioner of an active provider.
	fn practitioner() -> AccountId;
	/// Appoint `representative` to manage `patient`'s consent (`patient` registered).
	fn appoint_manager(patient: &AccountId, representative: &AccountId);
}
