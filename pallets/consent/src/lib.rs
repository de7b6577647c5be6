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
//! - An **inquiry** asks a patient for access, holding a deposit; the patient approves
//!   (possibly narrower), which creates the grant, or denies with a reason; unanswered, it
//!   expires. A patient has at most [`Config::MaxPendingInquiries`] pending.
//! - **Break-glass**: a practitioner of an active provider opens time-boxed emergency access to
//!   the emergency categories for emergency treatment, loudly evented and rate-limited; the
//!   patient can flag it for the council's review.
//! - [`Pallet::access_decision`] answers requester + patient + category + purpose at a block:
//!   allowed under which grant, or denied with why. It reads the patient, the requester's
//!   employer, and at most two index entries of at most [`Config::MaxGrantsPerGrantee`] grants
//!   (grants of a closed account are skipped unread).
//!
//! Only the patient, or a representative whose scope lets it manage consent, grants, revokes
//! and answers.
//!
//! ## Invariants
//!
//! - Every grant in the index of (patient, grantee) exists, is of that patient and grantee, is
//!   not revoked, and its entry carries its end and epoch.
//! - Every pending inquiry of a patient exists and is of that patient; every inquiry is pending
//!   for its patient.
//! - Every inquiry's requester has its deposit on hold (summed per requester).
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
		tokens::Precision,
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

	#[pallet::pallet]
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

		/// The most inquiries pending for one patient: nobody can flood a patient.
		#[pallet::constant]
		type MaxPendingInquiries: Get<u32>;

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

	/// Consent calls per patient: the start of the current feeless window and the count in it.
	#[pallet::storage]
	pub type FeelessUse<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Break-glass use per practitioner: the start of the current window and the count in it.
	#[pallet::storage]
	pub type EmergencyUse<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, u32), OptionQuery>;

	/// Break-glass use per provider, by all its practitioners together: the start of the
	/// current window and the count in it.
	#[pallet::storage]
	pub type ProviderEmergencyUse<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (BlockNumberFor<T>, u32), OptionQuery>;

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
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxGrantsPerGrantee::get() > 0, "MaxGrantsPerGrantee must be positive");
			assert!(T::MaxPendingInquiries::get() > 0, "MaxPendingInquiries must be positive");
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
		/// # Events
		/// [`Event::Granted`].
		///
		/// # Errors
		/// [`Error::NotAuthorized`], [`Error::SelfServing`], [`Error::NotPatient`],
		/// [`Error::SelfGrant`], [`Error::InvalidCategories`], [`Error::NothingGranted`],
		/// [`Error::InvalidPeriod`], [`Error::TooManyGrants`], [`Error::Overflow`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant(T::MaxGrantsPerGrantee::get()))]
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
		) -> DispatchResult {
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
			Self::do_grant(grant)?;
			Ok(())
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
		/// # Events
		/// [`Event::InquiryMade`].
		///
		/// # Errors
		/// [`Error::NotPatient`], [`Error::InvalidCategories`], [`Error::InvalidDuration`],
		/// [`Error::NoteTooLong`], [`Error::TooManyPendingInquiries`], [`Error::Overflow`], or a
		/// token error if the deposit cannot be held.
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
		/// deposit is returned either way.
		///
		/// The origin must be signed by the patient, or a representative whose scope lets it
		/// manage consent.
		///
		/// # Events
		/// [`Event::InquiryApproved`] with [`Event::Granted`], or [`Event::InquiryDenied`].
		///
		/// # Errors
		/// [`Error::NoSuchInquiry`], [`Error::NotAuthorized`], [`Error::InquiryExpired`],
		/// [`Error::SelfServing`], [`Error::BroaderThanAsked`], and the errors of
		/// [`Pallet::grant`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::answer_inquiry(
			T::MaxPendingInquiries::get(),
			T::MaxGrantsPerGrantee::get(),
		))]
		#[pallet::feeless_if(|origin: &OriginFor<T>, inquiry: &InquiryId, _answer: &Answer<BlockNumberFor<T>>| -> bool {
			Inquiries::<T>::get(inquiry).is_some_and(|i| Pallet::<T>::is_feeless(origin, &i.patient))
		})]
		pub fn answer_inquiry(
			origin: OriginFor<T>,
			inquiry: InquiryId,
			answer: Answer<BlockNumberFor<T>>,
		) -> DispatchResult {
			let agent = ensure_signed(origin)?;
			let record = Inquiries::<T>::get(inquiry).ok_or(Error::<T>::NoSuchInquiry)?;
			Self::ensure_manages(&agent, &record.patient)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now < record.expires_at, Error::<T>::InquiryExpired);
			match answer {
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
					let grant = Self::do_grant(Grant {
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
				},
				Answer::Deny(reason) => {
					Self::close_inquiry(inquiry, &record)?;
					Self::deposit_event(Event::InquiryDenied {
						inquiry,
						patient: record.patient,
						reason,
					});
				},
			}
			Ok(())
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
		/// access works only while the practitioner stays employed by an active provider.
		///
		/// # Events
		/// [`Event::Granted`] and [`Event::EmergencyAccessOpened`].
		///
		/// # Errors
		/// [`Error::NotPractitioner`], [`Error::NotPatient`], [`Error::EmergencyRateLimited`],
		/// [`Error::TooManyGrants`], [`Error::Overflow`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::open_emergency_access(T::MaxGrantsPerGrantee::get()))]
		pub fn open_emergency_access(
			origin: OriginFor<T>,
			patient: T::AccountId,
			reason: H256,
		) -> DispatchResult {
			let practitioner = ensure_signed(origin)?;
			let provider =
				T::Providers::employer(&practitioner).ok_or(Error::<T>::NotPractitioner)?;
			ensure!(T::Providers::is_active(&provider), Error::<T>::NotPractitioner);
			let epoch = T::Patients::consent_epoch(&patient).ok_or(Error::<T>::NotPatient)?;
			let now = frame_system::Pallet::<T>::block_number();
			Self::note_emergency_use(&practitioner, &provider, now)?;
			let ends = now.saturating_add(T::EmergencyAccessDuration::get());
			let grant = Self::do_grant(Grant {
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
				origin: GrantOrigin::BreakGlass { reason, flagged: false },
			})?;
			Self::deposit_event(Event::EmergencyAccessOpened {
				grant,
				patient,
				practitioner,
				provider,
				reason,
				ends,
			});
			Ok(())
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
	}
}

/// How a grantee stands now, as the access decision needs it.
#[derive(Clone, Copy)]
struct Standing {
	/// Its status if it is a registered provider.
	provider: Option<ProviderStatus>,
	/// Whether it works for a provider that is active.
	employed_by_active_provider: bool,
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
	/// allowed (with no grant). Otherwise one grant must be in force at `at`, serve `purpose`,
	/// cover every needed category and except none of them, and its grantee must stand now:
	/// a grant to the requester, which if the requester is (or was granted as) a provider needs
	/// it active, and if it is break-glass needs the practitioner still employed by an active
	/// provider; or a grant to the active provider that employs the requester now. When none
	/// does, the most telling reason is given.
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
		let employer = T::Providers::employer(requester);
		let employer_active = employer.as_ref().is_some_and(T::Providers::is_active);
		let standing = Standing {
			provider: T::Providers::status(requester),
			employed_by_active_provider: employer_active,
		};
		let mut best = Denial::NoGrant;
		let mut consider = |grantee: &T::AccountId, standing: Standing| -> Option<GrantId> {
			for entry in GrantIndex::<T>::get(patient, grantee) {
				if entry.epoch != epoch {
					// The account was closed since: no need to read the grant.
					best = best.max_by_rank(Denial::Revoked);
					continue;
				}
				let Some(grant) = Grants::<T>::get(entry.grant) else { continue };
				match Self::judge(&grant, needed, purpose, at, standing) {
					Ok(()) => return Some(entry.grant),
					Err(denial) => best = best.max_by_rank(denial),
				}
			}
			None
		};
		if let Some(grant) = consider(requester, standing) {
			return AccessDecision::Allowed { grant: Some(grant) };
		}
		if let Some(employer) = employer {
			// A grant to the clinic covers its staff only while the clinic is active.
			let clinic = Standing {
				provider: Some(if employer_active {
					ProviderStatus::Active
				} else {
					ProviderStatus::Suspended
				}),
				employed_by_active_provider: false,
			};
			if let Some(grant) = consider(&employer, clinic) {
				return AccessDecision::Allowed { grant: Some(grant) };
			}
		}
		AccessDecision::Denied(best)
	}

	/// Whether `grant` lets a grantee of `standing` (as it stands now) read what needs
	/// `needed` for `purpose` at block `at`.
	fn judge(
		grant: &GrantOf<T>,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumberFor<T>,
		standing: Standing,
	) -> Result<(), Denial> {
		grant.covers(needed, purpose)?;
		grant.in_force(at)?;
		let is_provider = grant.to_provider || standing.provider.is_some();
		if is_provider && standing.provider != Some(ProviderStatus::Active) {
			return Err(Denial::ProviderInactive);
		}
		if matches!(grant.origin, GrantOrigin::BreakGlass { .. })
			&& !standing.employed_by_active_provider
		{
			return Err(Denial::ProviderInactive);
		}
		Ok(())
	}

	/// Whether `grant` was valid at block `at`: in force, and the patient's account not yet
	/// closed at `at` (a grant of a closed account holds at no block from the closing on).
	pub fn valid_at(grant: GrantId, at: BlockNumberFor<T>) -> Option<bool> {
		Grants::<T>::get(grant).map(|g| {
			let closed = T::Patients::epoch_ended(&g.patient, g.epoch).is_some_and(|end| end <= at);
			!closed && g.in_force(at).is_ok()
		})
	}

	/// The live grants of `patient`: (grant, record) for each one not revoked, expired or of an
	/// older epoch. For the runtime API; iterates the patient's index.
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
		match FeelessUse::<T>::get(patient) {
			Some((start, count)) if now < start.saturating_add(T::FeelessWindow::get()) => count,
			_ => 0,
		}
	}

	/// Count a consent call against the patient's feeless allowance, paid or not. Called by
	/// [`CheckConsentCall`] before dispatch, where a failing call cannot roll it back.
	pub(crate) fn note_consent_call(patient: &T::AccountId) {
		let now = frame_system::Pallet::<T>::block_number();
		FeelessUse::<T>::mutate(patient, |usage| {
			*usage = match *usage {
				Some((start, count)) if now < start.saturating_add(T::FeelessWindow::get()) => {
					Some((start, count.saturating_add(1)))
				},
				_ => Some((now, 1)),
			};
		});
	}

	fn do_grant(grant: GrantOf<T>) -> Result<GrantId, DispatchError> {
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
		GrantIndex::<T>::try_mutate(&grant.patient, &grant.grantee, |live| -> DispatchResult {
			if live.is_full() {
				// Lapsed grants leave the index (their records stay) to make room.
				live.retain(|entry| entry.may_hold(now, grant.epoch));
			}
			let entry = IndexEntry { grant: id, ends: grant.ends, epoch: grant.epoch };
			live.try_push(entry).map_err(|_| Error::<T>::TooManyGrants)?;
			Ok(())
		})?;
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
		Ok(id)
	}

	fn do_revoke(id: GrantId, mut record: GrantOf<T>) {
		let now = frame_system::Pallet::<T>::block_number();
		GrantIndex::<T>::mutate_exists(&record.patient, &record.grantee, |live| {
			if let Some(list) = live {
				list.retain(|entry| entry.grant != id);
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

	fn close_inquiry(id: InquiryId, inquiry: &InquiryOf<T>) -> DispatchResult {
		T::Currency::release(
			&HoldReason::InquiryDeposit.into(),
			&inquiry.requester,
			inquiry.deposit,
			Precision::BestEffort,
		)?;
		Inquiries::<T>::remove(id);
		PendingInquiries::<T>::mutate_exists(&inquiry.patient, |pending| {
			if let Some(list) = pending {
				list.retain(|i| *i != id);
				if list.is_empty() {
					*pending = None;
				}
			}
		});
		Ok(())
	}

	/// Count a break-glass access against the practitioner's and the provider's limits.
	fn note_emergency_use(
		practitioner: &T::AccountId,
		provider: &T::AccountId,
		now: BlockNumberFor<T>,
	) -> DispatchResult {
		let window = T::EmergencyWindow::get();
		let count = |usage: &mut Option<(BlockNumberFor<T>, u32)>, max: u32| -> DispatchResult {
			let (start, used) = match *usage {
				Some((start, used)) if now < start.saturating_add(window) => (start, used),
				_ => (now, 0),
			};
			ensure!(used < max, Error::<T>::EmergencyRateLimited);
			*usage = Some((start, used.saturating_add(1)));
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
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		let next_grant = NextGrantId::<T>::get();
		for (patient, grantee, entries) in GrantIndex::<T>::iter() {
			ensure!(!entries.is_empty(), "empty grant index kept");
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
		for (id, _) in Grants::<T>::iter() {
			ensure!(id < next_grant, "grant id at or above the counter");
		}
		let next_inquiry = NextInquiryId::<T>::get();
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (id, inquiry) in Inquiries::<T>::iter() {
			ensure!(id < next_inquiry, "inquiry id at or above the counter");
			ensure!(
				PendingInquiries::<T>::get(&inquiry.patient).contains(&id),
				"inquiry not pending for its patient"
			);
			let sum = deposits.entry(inquiry.requester).or_default();
			*sum = sum.saturating_add(inquiry.deposit);
		}
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
}
