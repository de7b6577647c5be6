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
//!   end and revocation blocks, so [`Pallet::valid_at`] answers "was this grant valid at T?".
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

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod extension;
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
		fungible::{Inspect, MutateHold},
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
			assert!(T::MaxGrantsPerGrantee::get() > 0, "MaxGrantsPerGrantee must be positive");
			assert!(T::MaxPendingInquiries::get() > 0, "MaxPendingInquiries must be positive");
			assert!(
				T::MaxLiveGrants::get() >= T::MaxGrantsPerGrantee::get(),
				"MaxLiveGrants must hold at least one grantee's MaxGrantsPerGrantee"
			);
			assert!(
				T::MaxPendingInquiriesPerRequester::get() > 0
					&& T::MaxPendingInquiriesPerRequester::get() <= T::MaxPendingInquiries::get(),
				"MaxPendingInquiriesPerRequester must be positive and at most MaxPendingInquiries"
			);
			assert!(T::MaxBlockedRequesters::get() > 0, "MaxBlockedRequesters must be positive");
			assert!(
				T::EmergencyCategories::get().is_valid()
					&& !T::EmergencyCategories::get().is_empty(),
				"EmergencyCategories must name categories"
			);
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
		/// Charged for a sweep of `MaxLiveGrants` index lists (one per grantee); refunded to
		/// the lists the sweep actually read (none when the patient is below the cap).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant(
			T::MaxGrantsPerGrantee::get(),
			T::MaxLiveGrants::get(),
		))]
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
			Self::ensure_manages(&agent, &patient)?;
			Self::ensure_not_self_serving(&agent, &patient, &grantee)?;
			let now = frame_system::Pallet::<T>::block_number();
			let starts = starts.map_or(now, |s| s.max(now));
			let epoch = T::Patients::consent_epoch(&patient).ok_or(Error::<T>::NotPatient)?;
			let grant = Grant {
				to_provider: T::Providers::status(&grantee).is_some(),
				patient,
				grantee,
				categories,
				except,
				purpose,
				access,
				starts,
				ends,
				revoked_at: None,
				epoch,
				origin: GrantOrigin::Consent,
			};
			let (_, swept) = Self::do_grant(grant)?;
			// The fee follows the index lists the sweep read, not the most there could be.
			Ok(Some(T::WeightInfo::grant(T::MaxGrantsPerGrantee::get(), swept)).into())
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
			Self::ensure_manages(&agent, &patient)?;
			let live = GrantIndex::<T>::take(&patient, &grantee);
			Self::note_grants_left_index(&patient, live.len() as u32);
			let now = frame_system::Pallet::<T>::block_number();
			for entry in &live {
				if let Some(mut record) = Grants::<T>::get(entry.grant) {
					record.revoked_at = Some(now);
					Grants::<T>::insert(entry.grant, record);
				}
				Self::deposit_event(Event::Revoked {
					grant: entry.grant,
					patient: patient.clone(),
					grantee: grantee.clone(),
				});
			}
			// The fee follows the grants actually revoked, not the most there could be.
			Ok(Some(T::WeightInfo::revoke_all(live.len() as u32)).into())
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
			ensure!(T::Patients::is_patient(&patient), Error::<T>::NotPatient);
			ensure!(
				!Blocked::<T>::contains_key(&patient, &requester),
				Error::<T>::RequesterBlocked
			);
			ensure!(categories.is_valid() && !categories.is_empty(), Error::<T>::InvalidCategories);
			ensure!(!duration.is_zero(), Error::<T>::InvalidDuration);
			let note: BoundedVec<u8, T::MaxNoteLength> =
				note.try_into().map_err(|_| Error::<T>::NoteTooLong)?;
			let now = frame_system::Pallet::<T>::block_number();
			let id = NextInquiryId::<T>::get();
			let next = id.next().ok_or(Error::<T>::Overflow)?;

			PendingInquiries::<T>::try_mutate(&patient, |pending| -> DispatchResult {
				if pending.is_full() {
					Self::reap_oldest_if_expired(pending, now);
				}
				pending.try_push(id).map_err(|_| Error::<T>::TooManyPendingInquiries)?;
				Ok(())
			})?;
			// Counted after the reap above, which may have closed one of the requester's own.
			PendingPerRequester::<T>::try_mutate(
				&patient,
				&requester,
				|count| -> DispatchResult {
					ensure!(
						*count < T::MaxPendingInquiriesPerRequester::get(),
						Error::<T>::TooManyInquiriesFromRequester
					);
					count.saturating_inc();
					Ok(())
				},
			)?;
			let deposit = T::InquiryDeposit::get();
			T::Currency::hold(&HoldReason::InquiryDeposit.into(), &requester, deposit)?;
			Inquiries::<T>::insert(
				id,
				Inquiry {
					requester: requester.clone(),
					patient: patient.clone(),
					categories,
					purpose,
					duration,
					note,
					deposit,
					expires_at: now.saturating_add(T::InquiryLifetime::get()),
				},
			);
			NextInquiryId::<T>::put(next);
			Self::deposit_event(Event::InquiryMade {
				inquiry: id,
				patient,
				requester,
				categories,
				purpose,
			});
			Ok(())
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
		/// An approval is charged for a sweep of `MaxLiveGrants` index lists, as
		/// [`Pallet::grant`]; refunded to the lists the sweep actually read.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::answer_inquiry(
			T::MaxPendingInquiries::get(),
			T::MaxGrantsPerGrantee::get(),
			T::MaxLiveGrants::get(),
		))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, inquiry: &InquiryId, _answer: &Answer<BlockNumberFor<T>>| -> bool {
			Inquiries::<T>::get(inquiry).is_some_and(|i| Pallet::<T>::is_feeless(origin, &i.patient))
		})]
		pub fn answer_inquiry(
			origin: OriginFor<T>,
			inquiry: InquiryId,
			answer: Answer<BlockNumberFor<T>>,
		) -> DispatchResultWithPostInfo {
			let agent = ensure_signed(origin)?;
			let record = Inquiries::<T>::get(inquiry).ok_or(Error::<T>::NoSuchInquiry)?;
			Self::ensure_manages(&agent, &record.patient)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now < record.expires_at, Error::<T>::InquiryExpired);
			let swept = match answer {
				Answer::Approve { categories, except, duration } => {
					Self::ensure_not_self_serving(&agent, &record.patient, &record.requester)?;
					ensure!(
						categories.is_subset_of(record.categories)
							&& !duration.is_zero()
							&& duration <= record.duration,
						Error::<T>::BroaderThanAsked
					);
					let epoch = T::Patients::consent_epoch(&record.patient)
						.ok_or(Error::<T>::NotPatient)?;
					let (grant, swept) = Self::do_grant(Grant {
						to_provider: T::Providers::status(&record.requester).is_some(),
						patient: record.patient.clone(),
						grantee: record.requester.clone(),
						categories,
						except,
						purpose: record.purpose,
						access: AccessLevel::Read,
						starts: now,
						ends: Some(now.saturating_add(duration)),
						revoked_at: None,
						epoch,
						origin: GrantOrigin::Inquiry(inquiry),
					})?;
					Self::close_inquiry(inquiry, &record)?;
					Self::deposit_event(Event::InquiryApproved {
						inquiry,
						patient: record.patient,
						grant,
					});
					swept
				},
				Answer::Deny(Refusal::Spam) => {
					let amount = T::Currency::burn_held(
						&HoldReason::InquiryDeposit.into(),
						&record.requester,
						record.deposit,
						Precision::BestEffort,
						Fortitude::Force,
					)?;
					Self::remove_inquiry(inquiry, &record);
					Self::deposit_event(Event::DepositForfeited {
						inquiry,
						requester: record.requester,
						amount,
					});
					Self::deposit_event(Event::InquiryDenied {
						inquiry,
						patient: record.patient,
						reason: Refusal::Spam,
					});
					0
				},
				Answer::Deny(reason) => {
					Self::close_inquiry(inquiry, &record)?;
					Self::deposit_event(Event::InquiryDenied {
						inquiry,
						patient: record.patient,
						reason,
					});
					0
				},
			};
			// The fee follows the index lists the sweep read, not the most there could be.
			Ok(Some(T::WeightInfo::answer_inquiry(
				T::MaxPendingInquiries::get(),
				T::MaxGrantsPerGrantee::get(),
				swept,
			))
			.into())
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
		#[pallet::weight(T::WeightInfo::open_emergency_access(
			T::MaxGrantsPerGrantee::get(),
			T::MaxLiveGrants::get(),
		))]
		pub fn open_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			reason: H256,
		) -> DispatchResultWithPostInfo {
			let practitioner = ensure_signed(origin)?;
			// Breaking glass is a clinician's act, counted per practitioner: a provider's own
			// account acts for the provider but is no practitioner of it.
			let provider = T::Providers::acting_provider(&practitioner)
				.filter(|provider| provider != &practitioner)
				.ok_or(Error::<T>::NotPractitioner)?;
			let epoch = T::Patients::consent_epoch(&patient).ok_or(Error::<T>::NotPatient)?;
			let now = frame_system::Pallet::<T>::block_number();
			Self::note_emergency_use(&practitioner, &provider, now)?;
			let ends = now.saturating_add(T::EmergencyAccessDuration::get());
			// Break-glass counts as a live grant of the patient but is never refused by
			// `MaxLiveGrants`; at the cap it sweeps lapsed grants all the same.
			let (grant, swept) = Self::do_grant(Grant {
				patient: patient.clone(),
				grantee: practitioner.clone(),
				categories: T::EmergencyCategories::get(),
				except: CategorySet::empty(),
				purpose: Purpose::EmergencyTreatment,
				access: AccessLevel::Read,
				starts: now,
				ends: Some(ends),
				revoked_at: None,
				epoch,
				to_provider: false,
				origin: GrantOrigin::BreakGlass {
					provider: provider.clone(),
					reason,
					flagged: false,
				},
			})?;
			Self::deposit_event(Event::EmergencyAccessOpened {
				grant,
				patient,
				practitioner,
				provider,
				reason,
				ends,
			});
			// The fee follows the index lists the sweep read, not the most there could be.
			Ok(Some(T::WeightInfo::open_emergency_access(T::MaxGrantsPerGrantee::get(), swept))
				.into())
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
			let (patient, practitioner) = Grants::<T>::try_mutate(grant, |record| {
				let record = record.as_mut().ok_or(Error::<T>::NoSuchGrant)?;
				Self::ensure_manages(&agent, &record.patient)?;
				match &mut record.origin {
					GrantOrigin::BreakGlass { flagged, .. } => *flagged = true,
					_ => return Err(Error::<T>::NotEmergencyAccess),
				}
				Ok::<_, Error<T>>((record.patient.clone(), record.grantee.clone()))
			})?;
			Self::deposit_event(Event::EmergencyAccessFlagged { grant, patient, practitioner });
			Ok(())
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
			Self::ensure_manages(&agent, &patient)?;
			ensure!(!Blocked::<T>::contains_key(&patient, &requester), Error::<T>::AlreadyBlocked);
			BlockedCount::<T>::try_mutate(&patient, |count| -> DispatchResult {
				ensure!(*count < T::MaxBlockedRequesters::get(), Error::<T>::TooManyBlocked);
				count.saturating_inc();
				Ok(())
			})?;
			Blocked::<T>::insert(&patient, &requester, ());
			Self::deposit_event(Event::RequesterBlocked { patient, requester });
			Ok(())
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
			Self::ensure_manages(&agent, &patient)?;
			ensure!(Blocked::<T>::take(&patient, &requester).is_some(), Error::<T>::NotBlocked);
			BlockedCount::<T>::mutate_exists(&patient, |count| {
				let left = count.unwrap_or(0).defensive_saturating_sub(1);
				*count = (left > 0).then_some(left);
			});
			Self::deposit_event(Event::RequesterUnblocked { patient, requester });
			Ok(())
		}
	}
}

/// How a grantee stands now, as the access decision needs it.
struct Standing<'a, AccountId> {
	/// Its status if it is a registered provider.
	provider: Option<ProviderStatus>,
	/// The provider it works for, if it works for one and that one is active.
	active_employer: Option<&'a AccountId>,
}

/// Makes patients and practitioners, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Make `who` (already funded) a registered patient.
	fn register_patient(who: &AccountId);
	/// A practitioner of an active provider.
	fn practitioner() -> AccountId;
}

impl<T: Config> Pallet<T> {
	/// The one access decision: may `requester` read `patient`'s records that need every
	/// category of `needed` (a record's class and the sensitive categories of its labels, see
	/// [`medledger_primitives::categories_of_record`]) for `purpose`, on the chain's state at
	/// block `at`?
	///
	/// The patient, and representatives whose scope lets them view records, are always
	/// allowed (with no grant). Otherwise one grant must be in force at `at` (its period,
	/// revocation and the patient's account: [`medledger_primitives::GrantPeriod`]), serve
	/// `purpose`, cover every needed category and except none of them, and its grantee must
	/// stand now: a grant to the requester, which if the requester is (or was granted as) a
	/// provider needs it active, and if it is break-glass needs the practitioner still employed
	/// by the provider it opened the access for, and that provider active; or a grant to the
	/// active provider that employs the requester now (a grant to an employer that is not
	/// active is read all the same, to answer `ProviderInactive`). When none does, the most
	/// telling reason is given.
	///
	/// The patient, representatives and standings are read as they are on the state this runs
	/// on; every caller passes that state's block as `at`. A grant of a closed consent epoch is
	/// then out of force without being read (it was closed by now, so by `at`); for an earlier
	/// `at` it is read and judged as of `at`.
	pub fn access_decision(
		requester: &T::AccountId,
		patient: &T::AccountId,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumberFor<T>,
	) -> AccessDecision {
		let Some(epoch) = T::Patients::consent_epoch(patient) else {
			return AccessDecision::Denied(Denial::NotAPatient);
		};
		if !needed.is_valid() || needed.is_empty() {
			return AccessDecision::Denied(Denial::NoGrant);
		}
		if T::Patients::may_view_records(requester, patient) {
			return AccessDecision::Allowed { grant: None };
		}
		// The active provider the requester works for: a provider acts for itself, but is
		// nobody's practitioner.
		let active_employer =
			T::Providers::acting_provider(requester).filter(|provider| provider != requester);
		let standing = Standing {
			provider: T::Providers::status(requester),
			active_employer: active_employer.as_ref(),
		};
		let now = frame_system::Pallet::<T>::block_number();
		let mut best = Denial::NoGrant;
		let mut consider =
			|grantee: &T::AccountId, standing: Standing<T::AccountId>| -> Option<GrantId> {
				for entry in GrantIndex::<T>::get(patient, grantee) {
					// The current epoch has not ended: its grants were not closed.
					let closed_at = if entry.epoch == epoch {
						None
					} else if at >= now {
						// Closed by now, so by `at`: out of force, with no need to read it.
						best = best.max_by_rank(Denial::Revoked);
						continue;
					} else {
						T::Patients::epoch_ended(patient, entry.epoch)
					};
					let Some(grant) = Grants::<T>::get(entry.grant) else { continue };
					match Self::judge(&grant, closed_at, needed, purpose, at, &standing) {
						Ok(()) => return Some(entry.grant),
						Err(denial) => best = best.max_by_rank(denial),
					}
				}
				None
			};
		if let Some(grant) = consider(requester, standing) {
			return AccessDecision::Allowed { grant: Some(grant) };
		}
		if let Some(employer) = T::Providers::employer(requester) {
			// A grant to the clinic covers its staff only while the clinic is active; while it
			// is not, its grants are read all the same, to tell the requester why.
			let clinic = Standing {
				provider: Some(if active_employer.as_ref() == Some(&employer) {
					ProviderStatus::Active
				} else {
					ProviderStatus::Suspended
				}),
				active_employer: None,
			};
			if let Some(grant) = consider(&employer, clinic) {
				return AccessDecision::Allowed { grant: Some(grant) };
			}
		}
		AccessDecision::Denied(best)
	}

	/// Whether `grant` (whose patient closed its epoch's account at `closed_at`, if they did)
	/// lets a grantee of `standing` (as it stands now) read what needs `needed` for `purpose`
	/// at block `at`.
	fn judge(
		grant: &GrantOf<T>,
		closed_at: Option<BlockNumberFor<T>>,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumberFor<T>,
		standing: &Standing<T::AccountId>,
	) -> Result<(), Denial> {
		grant.covers(needed, purpose)?;
		grant.period(closed_at).in_force(at)?;
		let is_provider = grant.to_provider || standing.provider.is_some();
		if is_provider && standing.provider != Some(ProviderStatus::Active) {
			return Err(Denial::ProviderInactive);
		}
		if let GrantOrigin::BreakGlass { provider, .. } = &grant.origin {
			// Emergency access is the clinic's as much as the practitioner's: it ends when the
			// practitioner leaves that clinic (even for another) or the clinic stops being active.
			if standing.active_employer != Some(provider) {
				return Err(Denial::ProviderInactive);
			}
		}
		Ok(())
	}

	/// Whether `grant` was valid at block `at`, if it exists: in force by
	/// [`medledger_primitives::GrantPeriod::in_force`], the rule the access decision applies,
	/// given the block at which the patient closed the grant's account, if they did (a grant
	/// of a closed account holds at no block from the closing on).
	pub fn valid_at(grant: GrantId, at: BlockNumberFor<T>) -> Option<bool> {
		Grants::<T>::get(grant).map(|g| {
			let closed_at = T::Patients::epoch_ended(&g.patient, g.epoch);
			g.period(closed_at).in_force(at).is_ok()
		})
	}

	/// The live grants of `patient`: (grant, record) for each one not revoked, expired or of an
	/// older epoch. For the runtime API; iterates the patient's index, which holds at most
	/// `MaxLiveGrants` grants made by consent plus the break-glass accesses not yet swept.
	pub fn live_grants(patient: &T::AccountId) -> Vec<(GrantId, GrantOf<T>)> {
		let now = frame_system::Pallet::<T>::block_number();
		let epoch = T::Patients::consent_epoch(patient);
		let Some(epoch) = epoch else { return Vec::new() };
		GrantIndex::<T>::iter_prefix(patient)
			.flat_map(|(_, entries)| entries.into_iter())
			.filter(|entry| entry.may_hold(now, epoch))
			.filter_map(|entry| Grants::<T>::get(entry.grant).map(|g| (entry.grant, g)))
			.collect()
	}

	/// The pending inquiries of `patient`, for the runtime API.
	pub fn pending_inquiries(
		patient: &T::AccountId,
	) -> Vec<(InquiryId, InquirySummary<T::AccountId, BlockNumberFor<T>>)> {
		PendingInquiries::<T>::get(patient)
			.into_iter()
			.filter_map(|id| {
				Inquiries::<T>::get(id).map(|i| {
					let summary = InquirySummary {
						requester: i.requester,
						categories: i.categories,
						purpose: i.purpose,
						duration: i.duration,
						expires_at: i.expires_at,
					};
					(id, summary)
				})
			})
			.collect()
	}

	fn ensure_manages(agent: &T::AccountId, patient: &T::AccountId) -> Result<(), Error<T>> {
		ensure!(T::Patients::may_manage_consent(agent, patient), Error::<T>::NotAuthorized);
		Ok(())
	}

	/// A representative must not make itself a reader beyond its representation: no grant to
	/// itself, the clinic that employs it, or (if it is a clinic) its own staff.
	fn ensure_not_self_serving(
		agent: &T::AccountId,
		patient: &T::AccountId,
		grantee: &T::AccountId,
	) -> Result<(), Error<T>> {
		// Only the patient may give the agent itself access: even a viewing representative
		// needs no grant (it reads as a representative, while its representation lasts), and
		// a grant to itself would outlive the representation.
		if agent == patient {
			return Ok(());
		}
		let serves_agent = grantee == agent
			|| T::Providers::employer(agent).as_ref() == Some(grantee)
			|| T::Providers::employer(grantee).as_ref() == Some(agent);
		ensure!(!serves_agent, Error::<T>::SelfServing);
		Ok(())
	}

	/// Whether a consent call signed by `origin` for `patient` goes without fees: the signer
	/// manages the patient's consent and the patient's allowance for this window is not spent.
	/// [`CheckConsentCall`] counts each such call before it is dispatched, so a call that fails
	/// uses the allowance all the same.
	pub fn is_feeless(origin: &OriginFor<T>, patient: &T::AccountId) -> bool {
		let Ok(agent) = ensure_signed(origin.clone()) else { return false };
		T::Patients::may_manage_consent(&agent, patient)
			&& Self::consent_calls_in_window(patient) < T::MaxFeelessCallsPerWindow::get()
	}

	/// How many consent calls for `patient` were counted in the current window.
	pub fn consent_calls_in_window(patient: &T::AccountId) -> u32 {
		let now = frame_system::Pallet::<T>::block_number();
		FixedWindow::at(FeelessUse::<T>::get(patient), now, T::FeelessWindow::get()).count
	}

	/// Count a consent call against the patient's feeless allowance, paid or not. Called by
	/// [`CheckConsentCall`] before dispatch, where a failing call cannot roll it back.
	pub(crate) fn note_consent_call(patient: &T::AccountId) {
		let now = frame_system::Pallet::<T>::block_number();
		FeelessUse::<T>::mutate(patient, |usage| {
			*usage = Some(FixedWindow::at(*usage, now, T::FeelessWindow::get()).counted());
		});
	}

	/// Record `grant` and index it; returns its identifier and how many index lists a sweep of
	/// the patient's lapsed grants read (0 when the patient was below `MaxLiveGrants`). At the
	/// cap a grant is refused if the sweep freed no place, except break-glass, which the cap
	/// never refuses.
	fn do_grant(grant: GrantOf<T>) -> Result<(GrantId, u32), DispatchError> {
		let now = frame_system::Pallet::<T>::block_number();
		ensure!(grant.patient != grant.grantee, Error::<T>::SelfGrant);
		ensure!(
			grant.categories.is_valid() && grant.except.is_valid() && !grant.categories.is_empty(),
			Error::<T>::InvalidCategories
		);
		ensure!(!grant.categories.without(grant.except).is_empty(), Error::<T>::NothingGranted);
		if let Some(ends) = grant.ends {
			ensure!(ends > grant.starts && ends > now, Error::<T>::InvalidPeriod);
		}
		let id = NextGrantId::<T>::get();
		let next = id.next().ok_or(Error::<T>::Overflow)?;
		let mut swept = 0;
		if LiveGrantCount::<T>::get(&grant.patient) >= T::MaxLiveGrants::get() {
			swept = Self::sweep_lapsed_grants(&grant.patient, now, grant.epoch);
			// An emergency must not fail on the patient's bookkeeping: break-glass is bounded by
			// its own rate limits and lapses within `EmergencyAccessDuration`. It sweeps all the
			// same, so lapsed accesses do not pile up in the index.
			let break_glass = matches!(grant.origin, GrantOrigin::BreakGlass { .. });
			ensure!(
				break_glass || LiveGrantCount::<T>::get(&grant.patient) < T::MaxLiveGrants::get(),
				Error::<T>::TooManyLiveGrants
			);
		}
		GrantIndex::<T>::try_mutate(&grant.patient, &grant.grantee, |live| -> DispatchResult {
			if live.is_full() {
				// Lapsed grants leave the index (their records stay) to make room.
				let before = live.len();
				live.retain(|entry| entry.may_hold(now, grant.epoch));
				Self::note_grants_left_index(&grant.patient, (before - live.len()) as u32);
			}
			let entry = IndexEntry { grant: id, ends: grant.ends, epoch: grant.epoch };
			live.try_push(entry).map_err(|_| Error::<T>::TooManyGrants)?;
			Ok(())
		})?;
		LiveGrantCount::<T>::mutate(&grant.patient, |count| count.saturating_inc());
		NextGrantId::<T>::put(next);
		Self::deposit_event(Event::Granted {
			grant: id,
			patient: grant.patient.clone(),
			grantee: grant.grantee.clone(),
			categories: grant.categories,
			except: grant.except,
			purpose: grant.purpose,
			ends: grant.ends,
		});
		Grants::<T>::insert(id, grant);
		Ok((id, swept))
	}

	/// Take `patient`'s lapsed grants (ended, or of an older epoch than `epoch`) out of the
	/// index, reading at most `MaxLiveGrants` index lists (one per grantee); their records stay.
	/// Returns how many lists were read. Called when the patient is at the cap: the lists are
	/// at most as many as the entries, so the bound covers them all unless live break-glass
	/// accesses took the count past the cap.
	fn sweep_lapsed_grants(patient: &T::AccountId, now: BlockNumberFor<T>, epoch: u32) -> u32 {
		// Collected first: a map must not be changed while it is iterated.
		let lists: Vec<(T::AccountId, BoundedVec<IndexEntryOf<T>, T::MaxGrantsPerGrantee>)> =
			GrantIndex::<T>::iter_prefix(patient).take(T::MaxLiveGrants::get() as usize).collect();
		let read = lists.len() as u32;
		let mut left_index = 0u32;
		for (grantee, mut entries) in lists {
			let before = entries.len();
			entries.retain(|entry| entry.may_hold(now, epoch));
			if entries.len() == before {
				continue;
			}
			left_index.saturating_accrue((before - entries.len()) as u32);
			if entries.is_empty() {
				GrantIndex::<T>::remove(patient, &grantee);
			} else {
				GrantIndex::<T>::insert(patient, &grantee, entries);
			}
		}
		Self::note_grants_left_index(patient, left_index);
		read
	}

	/// `n` of `patient`'s grants left the index (revoked, or swept out as lapsed): they no
	/// longer count against `MaxLiveGrants`.
	fn note_grants_left_index(patient: &T::AccountId, n: u32) {
		if n == 0 {
			return;
		}
		LiveGrantCount::<T>::mutate_exists(patient, |count| {
			let left = count.unwrap_or(0).defensive_saturating_sub(n);
			*count = (left > 0).then_some(left);
		});
	}

	fn do_revoke(id: GrantId, mut record: GrantOf<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		GrantIndex::<T>::mutate_exists(&record.patient, &record.grantee, |live| {
			if let Some(list) = live {
				let before = list.len();
				list.retain(|entry| entry.grant != id);
				// A lapsed grant may have been swept out already: count only what left now.
				Self::note_grants_left_index(&record.patient, (before - list.len()) as u32);
				if list.is_empty() {
					*live = None;
				}
			}
		});
		record.revoked_at = Some(now);
		Self::deposit_event(Event::Revoked {
			grant: id,
			patient: record.patient.clone(),
			grantee: record.grantee.clone(),
		});
		Grants::<T>::insert(id, record);
	}

	/// Make room in a full pending list by reaping its oldest inquiry if it has expired,
	/// returning the deposit. Inquiries are pending in the order they were made and all live
	/// `InquiryLifetime` blocks, so the oldest expires first: one read, however long the list.
	fn reap_oldest_if_expired(
		pending: &mut BoundedVec<InquiryId, T::MaxPendingInquiries>,
		now: BlockNumberFor<T>,
	) {
		let Some(&oldest) = pending.first() else { return };
		match Inquiries::<T>::get(oldest) {
			Some(inquiry) if now >= inquiry.expires_at => {
				let _ = T::Currency::release(
					&HoldReason::InquiryDeposit.into(),
					&inquiry.requester,
					inquiry.deposit,
					Precision::BestEffort,
				);
				Inquiries::<T>::remove(oldest);
				Self::note_inquiry_closed(&inquiry.patient, &inquiry.requester);
				Self::deposit_event(Event::InquiryExpired {
					inquiry: oldest,
					patient: inquiry.patient,
				});
				pending.remove(0);
			},
			Some(_) => {},
			None => {
				pending.remove(0);
			},
		}
	}

	/// Close an inquiry, returning the requester's deposit.
	fn close_inquiry(id: InquiryId, inquiry: &InquiryOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::InquiryDeposit.into(),
			&inquiry.requester,
			inquiry.deposit,
			Precision::BestEffort,
		)?;
		Self::remove_inquiry(id, inquiry);
		Ok(())
	}

	/// Remove an inquiry whose deposit was settled: from the inquiries, the patient's pending
	/// list and the requester's count.
	fn remove_inquiry(id: InquiryId, inquiry: &InquiryOf<T>) {
		Inquiries::<T>::remove(id);
		PendingInquiries::<T>::mutate_exists(&inquiry.patient, |pending| {
			if let Some(list) = pending {
				list.retain(|i| *i != id);
				if list.is_empty() {
					*pending = None;
				}
			}
		});
		Self::note_inquiry_closed(&inquiry.patient, &inquiry.requester);
	}

	/// One of `requester`'s inquiries to `patient` is no longer pending: it no longer counts
	/// against `MaxPendingInquiriesPerRequester`.
	fn note_inquiry_closed(patient: &T::AccountId, requester: &T::AccountId) {
		PendingPerRequester::<T>::mutate_exists(patient, requester, |count| {
			let left = count.unwrap_or(0).defensive_saturating_sub(1);
			*count = (left > 0).then_some(left);
		});
	}

	/// Count a break-glass access against the practitioner's and the provider's limits.
	fn note_emergency_use(
		practitioner: &T::AccountId,
		provider: &T::AccountId,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let length = T::EmergencyWindow::get();
		let count = |usage: &mut Option<FixedWindowOf<T>>, max: u32| -> DispatchResult {
			let window = FixedWindow::at(*usage, now, length);
			ensure!(window.count < max, Error::<T>::EmergencyRateLimited);
			*usage = Some(window.counted());
			Ok(())
		};
		EmergencyUse::<T>::try_mutate(practitioner, |usage| {
			count(usage, T::MaxEmergencyAccessesPerWindow::get())
		})?;
		ProviderEmergencyUse::<T>::try_mutate(provider, |usage| {
			count(usage, T::MaxEmergencyAccessesPerProviderPerWindow::get())
		})
	}

	/// Checks every invariant listed in the crate docs.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use frame_support::traits::fungible::InspectHold;
		/// Whether `counted` (a stored count map, zero counts absent) is `expected` exactly.
		fn same_counts<K: Ord>(
			counted: impl Iterator<Item = (K, u32)>,
			expected: &BTreeMap<K, u32>,
		) -> bool {
			let counted: BTreeMap<K, u32> = counted.collect();
			counted.len() == expected.len()
				&& counted.iter().all(|(k, n)| *n > 0 && expected.get(k) == Some(n))
		}
		let next_grant = NextGrantId::<T>::get();
		let mut indexed = BTreeMap::<T::AccountId, u32>::new();
		for (patient, grantee, entries) in GrantIndex::<T>::iter() {
			ensure!(!entries.is_empty(), "empty grant index kept");
			indexed.entry(patient.clone()).or_default().saturating_accrue(entries.len() as u32);
			for entry in entries {
				let grant = Grants::<T>::get(entry.grant).ok_or("indexed grant missing")?;
				ensure!(grant.patient == patient && grant.grantee == grantee, "index mismatch");
				ensure!(grant.revoked_at.is_none(), "revoked grant still indexed");
				ensure!(
					grant.ends == entry.ends && grant.epoch == entry.epoch,
					"index entry differs from its grant"
				);
			}
		}
		ensure!(
			same_counts(LiveGrantCount::<T>::iter(), &indexed),
			"live-grant count differs from the patient's index entries"
		);
		for (id, _) in Grants::<T>::iter() {
			ensure!(id < next_grant, "grant id at or above the counter");
		}
		let next_inquiry = NextInquiryId::<T>::get();
		let mut deposits = BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let mut per_requester = BTreeMap::<(T::AccountId, T::AccountId), u32>::new();
		for (id, inquiry) in Inquiries::<T>::iter() {
			ensure!(id < next_inquiry, "inquiry id at or above the counter");
			ensure!(
				PendingInquiries::<T>::get(&inquiry.patient).contains(&id),
				"inquiry not pending for its patient"
			);
			per_requester
				.entry((inquiry.patient.clone(), inquiry.requester.clone()))
				.or_default()
				.saturating_inc();
			let sum = deposits.entry(inquiry.requester).or_default();
			*sum = sum.saturating_add(inquiry.deposit);
		}
		ensure!(
			same_counts(
				PendingPerRequester::<T>::iter().map(|(p, r, n)| ((p, r), n)),
				&per_requester
			),
			"pending count per requester differs from the pending inquiries"
		);
		let mut blocked = BTreeMap::<T::AccountId, u32>::new();
		for (patient, _, ()) in Blocked::<T>::iter() {
			blocked.entry(patient).or_default().saturating_inc();
		}
		ensure!(
			same_counts(BlockedCount::<T>::iter(), &blocked),
			"blocked count differs from the blocked requesters"
		);
		ensure!(
			blocked.values().all(|n| *n <= T::MaxBlockedRequesters::get()),
			"a patient blocked more than MaxBlockedRequesters"
		);
		for (patient, pending) in PendingInquiries::<T>::iter() {
			ensure!(!pending.is_empty(), "empty pending list kept");
			for id in pending {
				let inquiry = Inquiries::<T>::get(id).ok_or("pending inquiry missing")?;
				ensure!(inquiry.patient == patient, "pending inquiry of another patient");
			}
		}
		for (requester, sum) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::InquiryDeposit.into(), &requester);
			ensure!(held == sum, "inquiry deposits differ from the holds");
		}
		Ok(())
	}
}

impl<T: Config> medledger_primitives::ConsentRegistry<T::AccountId, BlockNumberFor<T>>
	for Pallet<T>
{
	fn access_decision(
		requester: &T::AccountId,
		patient: &T::AccountId,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumberFor<T>,
	) -> AccessDecision {
		Pallet::<T>::access_decision(requester, patient, needed, purpose, at)
	}

	fn parties(grant: GrantId) -> Option<(T::AccountId, T::AccountId)> {
		Grants::<T>::get(grant).map(|g| (g.patient, g.grantee))
	}

	fn valid_at(grant: GrantId, at: BlockNumberFor<T>) -> Option<bool> {
		Pallet::<T>::valid_at(grant, at)
	}

	fn covers(grant: GrantId, needed: CategorySet, purpose: Purpose) -> bool {
		Grants::<T>::get(grant).is_some_and(|g| g.covers(needed, purpose).is_ok())
	}
}
