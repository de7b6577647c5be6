//! # Records Pallet
//!
//! The on-chain side of medical records: one **document set** per record, and the
//! **disclosure receipts** that account for every release. The record itself never leaves the
//! custodian clinic; the chain holds its content hash, category, custodian and metadata
//! encrypted to the patient's key.
//!
//! ## Overview
//!
//! - The **custodian** (an active provider, or its practitioner acting for it) registers a
//!   document set for each new record: patient, category, the hash of the stored ciphertext,
//!   its size, and metadata sealed to the patient. An amendment names the record it
//!   **supersedes**, so records form an append-only history. The patient is notified by event.
//! - The patient (or a representative managing consent) may **dispute** a record: the right to
//!   request an amendment.
//! - The custodian's records gateway **reports disclosures** in batches: record, requester,
//!   grant used, purpose. Each receipt is an event, and the patient's [`DisclosureLog`] keeps a
//!   count and a running hash, so a patient can check that the list of disclosures they see
//!   (from events) is complete. Only the record's custodian may report for it.
//! - [`Pallet::record_access`] decides whether a requester may read one record: its
//!   custodian and the custodian's practitioners hold it already; anyone else needs consent
//!   ([`medledger_primitives::ConsentRegistry`]) for the record's category.
//!
//! ## Invariants
//!
//! - Every document set is listed under its patient in [`PatientRecords`], and every listing
//!   names an existing document set of that patient.
//! - A superseded record names its successor, which names it back, and both are of the same
//!   patient and custodian.
//! - Each document set's deposit is on hold from whoever registered it (summed per account).
//!
//! Document sets are never removed: a patient's record history is append-only, and an
//! amendment supersedes rather than replaces. Their deposits therefore stay held.
//!
//! See [`Config`] and [`Call`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

// A receipt and a patient's accounting of disclosures, defined beside the running hash that
// clients replay.
pub use medledger_primitives::{Disclosure, DisclosureLog};
pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
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
	traits::fungible::{Inspect, MutateHold},
};
use frame_system::pallet_prelude::*;
use medledger_primitives::{
	categories_of_record, AccessDecision, ConsentRegistry, Denial, GrantId, LabelSet,
	PatientRegistry, ProviderRegistry, Purpose, RecordCategory, RecordId,
};
use sp_core::H256;

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A [`DocumentSet`] as this runtime stores it.
pub type DocumentSetOf<T> = DocumentSet<
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	BlockNumberFor<T>,
	<T as Config>::MaxMetadataLength,
>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// Version 1: document sets carry sensitivity labels ([`crate::migrations::v1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency document-set deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The patient registry.
		type Patients: PatientRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The provider registry.
		type Providers: ProviderRegistry<Self::AccountId>;

		/// Consent: the access decision, and the parties of a grant.
		type Consent: ConsentRegistry<Self::AccountId, BlockNumberFor<Self>>;

		/// The deposit held for each document set. It pays for the entry (the fixed fields and
		/// up to `MaxMetadataLength` metadata bytes, see [`DocumentSet`]) and its listing under
		/// the patient.
		#[pallet::constant]
		type DocumentSetDeposit: Get<BalanceOf<Self>>;

		/// The longest encrypted metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLength: Get<u32>;

		/// The most receipts in one report.
		#[pallet::constant]
		type MaxDisclosuresPerReport: Get<u32>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;

		/// Makes patients, practitioners and grants, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a document set.
		DocumentSetDeposit,
	}

	/// The identifier the next record gets.
	#[pallet::storage]
	pub type NextRecordId<T> = StorageValue<_, RecordId, ValueQuery>;

	/// Every record's document set.
	#[pallet::storage]
	pub type DocumentSets<T: Config> =
		StorageMap<_, Twox64Concat, RecordId, DocumentSetOf<T>, OptionQuery>;

	/// Each patient's records, across every clinic. Iterated in storage order (by the hash of
	/// the record id), not by id: clients sort by id for the order of registration.
	#[pallet::storage]
	pub type PatientRecords<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		RecordId,
		(),
		OptionQuery,
	>;

	/// Each patient's accounting of disclosures.
	#[pallet::storage]
	pub type DisclosureLogs<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, DisclosureLog, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A new record of the patient's is held by `custodian`.
		DocumentSetRegistered {
			record: RecordId,
			patient: T::AccountId,
			custodian: T::AccountId,
			category: RecordCategory,
			labels: LabelSet,
			content_hash: H256,
			supersedes: Option<RecordId>,
		},
		/// The patient disputed a record.
		RecordDisputed { record: RecordId, patient: T::AccountId, dispute: H256 },
		/// A record was released: the `index`th disclosure of the patient's records.
		Disclosed {
			record: RecordId,
			patient: T::AccountId,
			requester: T::AccountId,
			grant: Option<GrantId>,
			purpose: Purpose,
			released_at: BlockNumberFor<T>,
			index: u64,
		},
		/// A receipt of a report was not recorded, for `reason`; the rest of the report was.
		ReceiptRefused {
			record: RecordId,
			requester: T::AccountId,
			grant: Option<GrantId>,
			reason: ReceiptRefusal,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not an active provider or a practitioner of one.
		NotCustodian,
		/// The subject is not a registered patient.
		NotPatient,
		/// The metadata is longer than `MaxMetadataLength`.
		MetadataTooLong,
		/// No such record.
		NoSuchRecord,
		/// An amendment must be of the same patient and custodian, and the record it amends
		/// must not be amended already.
		InvalidAmendment,
		/// The caller may not act for the record's patient.
		NotAuthorized,
		/// The report is empty or longer than `MaxDisclosuresPerReport`.
		InvalidReport,
		/// The label set names an unknown label.
		InvalidLabels,
		/// The record identifier counter would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxDisclosuresPerReport::get() > 0,
				"MaxDisclosuresPerReport must be positive"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register the document set of a new record held by the caller's clinic, holding
		/// `DocumentSetDeposit` from the caller.
		///
		/// The origin must be signed by an active provider or one of its practitioners; the
		/// provider becomes the record's custodian.
		///
		/// - `category`, `labels`: the record's class and sensitivity labels; access needs a grant
		///   that covers the class and each label's category.
		/// - `content_hash`, `size`: of the ciphertext the custodian stores.
		/// - `metadata`: sealed to the patient's encryption key.
		/// - `supersedes`: the record this one amends, of the same patient and custodian.
		///
		/// # Events
		/// [`Event::DocumentSetRegistered`].
		///
		/// # Errors
		/// [`Error::NotCustodian`], [`Error::NotPatient`], [`Error::InvalidLabels`],
		/// [`Error::MetadataTooLong`], [`Error::InvalidAmendment`], [`Error::Overflow`], or a
		/// token error if the deposit cannot be held.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_document_set())]
		pub fn register_document_set(
			origin: OriginFor<T>,
			patient: T::AccountId,
			category: RecordCategory,
			labels: LabelSet,
			content_hash: H256,
			size: u64,
			metadata: Vec<u8>,
			supersedes: Option<RecordId>,
		) -> DispatchResult {
			let registrar = ensure_signed(origin)?;
			let custodian =
				T::Providers::acting_provider(&registrar).ok_or(Error::<T>::NotCustodian)?;
			ensure!(T::Patients::is_patient(&patient), Error::<T>::NotPatient);
			ensure!(labels.is_valid(), Error::<T>::InvalidLabels);
			let metadata: BoundedVec<u8, T::MaxMetadataLength> =
				metadata.try_into().map_err(|_| Error::<T>::MetadataTooLong)?;
			let id = NextRecordId::<T>::get();
			let next = id.next().ok_or(Error::<T>::Overflow)?;
			if let Some(old) = supersedes {
				DocumentSets::<T>::try_mutate(old, |entry| -> DispatchResult {
					let entry = entry.as_mut().ok_or(Error::<T>::InvalidAmendment)?;
					// An amendment keeps every label of the record it amends: a sensitive
					// record cannot be re-filed as an ordinary one.
					ensure!(
						entry.patient == patient
							&& entry.custodian == custodian
							&& entry.superseded_by.is_none()
							&& entry.labels.0 & !labels.0 == 0,
						Error::<T>::InvalidAmendment
					);
					entry.superseded_by = Some(id);
					Ok(())
				})?;
			}
			let deposit = T::DocumentSetDeposit::get();
			T::Currency::hold(&HoldReason::DocumentSetDeposit.into(), &registrar, deposit)?;
			DocumentSets::<T>::insert(
				id,
				DocumentSet {
					patient: patient.clone(),
					category,
					labels,
					content_hash,
					size,
					custodian: custodian.clone(),
					registered_by: registrar,
					metadata,
					supersedes,
					superseded_by: None,
					registered_at: frame_system::Pallet::<T>::block_number(),
					dispute: None,
					deposit,
				},
			);
			PatientRecords::<T>::insert(&patient, id, ());
			NextRecordId::<T>::put(next);
			Self::deposit_event(Event::DocumentSetRegistered {
				record: id,
				patient,
				custodian,
				category,
				labels,
				content_hash,
				supersedes,
			});
			Ok(())
		}

		/// Dispute a record: ask its custodian for an amendment. `dispute` hashes the request,
		/// which goes to the custodian off chain.
		///
		/// The origin must be signed by the record's patient, or a representative whose scope
		/// lets it manage consent.
		///
		/// # Events
		/// [`Event::RecordDisputed`].
		///
		/// # Errors
		/// [`Error::NoSuchRecord`], [`Error::NotAuthorized`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::dispute())]
		pub fn dispute(origin: OriginFor<T>, record: RecordId, dispute: H256) -> DispatchResult {
			let agent = ensure_signed(origin)?;
			let patient = DocumentSets::<T>::try_mutate(record, |entry| {
				let entry = entry.as_mut().ok_or(Error::<T>::NoSuchRecord)?;
				ensure!(
					T::Patients::may_manage_consent(&agent, &entry.patient),
					Error::<T>::NotAuthorized
				);
				entry.dispute = Some(dispute);
				Ok::<_, Error<T>>(entry.patient.clone())
			})?;
			Self::deposit_event(Event::RecordDisputed { record, patient, dispute });
			Ok(())
		}

		/// Report the records the caller's gateway released.
		///
		/// The origin must be signed by an active provider or one of its practitioners. Each
		/// receipt is judged on its own, as of its `released_at` block: the record must be in
		/// the caller's clinic's custody, and a grant it names must be of the record's patient,
		/// to the requester or to a provider, and in force at `released_at`. A receipt that
		/// fails is not recorded and is evented with the reason; the rest of the report is:
		/// one bad receipt never stops a clinic's accounting.
		///
		/// # Events
		/// [`Event::Disclosed`] for each receipt recorded, [`Event::ReceiptRefused`] for each
		/// one not.
		///
		/// # Errors
		/// [`Error::InvalidReport`], [`Error::NotCustodian`] (the caller acts for no active
		/// provider).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::report_disclosures(disclosures.len() as u32))]
		pub fn report_disclosures(
			origin: OriginFor<T>,
			disclosures: Vec<Disclosure<T::AccountId, BlockNumberFor<T>>>,
		) -> DispatchResult {
			let reporter = ensure_signed(origin)?;
			ensure!(
				!disclosures.is_empty()
					&& disclosures.len() <= T::MaxDisclosuresPerReport::get() as usize,
				Error::<T>::InvalidReport
			);
			let custodian =
				T::Providers::acting_provider(&reporter).ok_or(Error::<T>::NotCustodian)?;
			let now = frame_system::Pallet::<T>::block_number();
			for disclosure in disclosures {
				let patient = match Self::judge_receipt(&custodian, &disclosure, now) {
					Ok(patient) => patient,
					Err(reason) => {
						Self::deposit_event(Event::ReceiptRefused {
							record: disclosure.record,
							requester: disclosure.requester,
							grant: disclosure.grant,
							reason,
						});
						continue;
					},
				};
				let log = DisclosureLogs::<T>::get(&patient).append(&now, &disclosure);
				DisclosureLogs::<T>::insert(&patient, log);
				Self::deposit_event(Event::Disclosed {
					record: disclosure.record,
					patient,
					requester: disclosure.requester,
					grant: disclosure.grant,
					purpose: disclosure.purpose,
					released_at: disclosure.released_at,
					index: log.count,
				});
			}
			Ok(())
		}
	}
}

/// Makes patients, practitioners and grants, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// A registered patient and a practitioner of an active provider, both funded.
	fn setup() -> (AccountId, AccountId);
	/// The `index`th of many registered patients, each its own account.
	fn patient(index: u32) -> AccountId;
	/// A grant of `patient`'s lab results to `grantee`, for treatment.
	fn grant(patient: &AccountId, grantee: &AccountId) -> GrantId;
}

impl<T: Config> Pallet<T> {
	/// The patient of a receipt that `custodian`'s gateway may report, or why not.
	fn judge_receipt(
		custodian: &T::AccountId,
		disclosure: &Disclosure<T::AccountId, BlockNumberFor<T>>,
		now: BlockNumberFor<T>,
	) -> Result<T::AccountId, ReceiptRefusal> {
		let entry =
			DocumentSets::<T>::get(disclosure.record).ok_or(ReceiptRefusal::NoSuchRecord)?;
		if &entry.custodian != custodian {
			return Err(ReceiptRefusal::NotCustodian);
		}
		if disclosure.released_at > now || disclosure.released_at < entry.registered_at {
			return Err(ReceiptRefusal::ReleasedInFuture);
		}
		if let Some(grant) = disclosure.grant {
			let (patient, grantee) =
				T::Consent::parties(grant).ok_or(ReceiptRefusal::GrantMismatch)?;
			// The grant must be to the requester, or to the provider that employs it. A receipt
			// for a practitioner who has left since is refused on its own (and evented), never
			// holding the rest of the report back.
			let to_requester = grantee == disclosure.requester
				|| T::Providers::employer(&disclosure.requester).as_ref() == Some(&grantee);
			if patient != entry.patient || !to_requester {
				return Err(ReceiptRefusal::GrantMismatch);
			}
			let needed = categories_of_record(entry.category, entry.labels);
			if !T::Consent::covers(grant, needed, disclosure.purpose) {
				return Err(ReceiptRefusal::GrantDoesNotCover);
			}
			if T::Consent::grant_valid_at(grant, disclosure.released_at) != Some(true) {
				return Err(ReceiptRefusal::GrantNotValid);
			}
		}
		Ok(entry.patient)
	}

	/// May `requester` read `record` for `purpose` on the state at block `at`? Its custodian
	/// and the custodian's practitioners hold it already; anyone else needs consent for the
	/// record's category.
	pub fn record_access(
		requester: &T::AccountId,
		record: RecordId,
		purpose: Purpose,
		at: BlockNumberFor<T>,
	) -> AccessDecision {
		let Some(entry) = DocumentSets::<T>::get(record) else {
			return AccessDecision::Denied(Denial::NoSuchRecord);
		};
		// The custodian and its staff hold the record already, while the custodian is active.
		if T::Providers::acting_provider(requester).as_ref() == Some(&entry.custodian) {
			return AccessDecision::Allowed { grant: None };
		}
		let needed = categories_of_record(entry.category, entry.labels);
		T::Consent::access_decision(requester, &entry.patient, needed, purpose, at)
	}

	/// A page of `patient`'s records across every clinic, in storage order (stable, so pages
	/// follow one another; not by id): up to `limit` records after `start_after`.
	pub fn document_sets_of(
		patient: &T::AccountId,
		start_after: Option<RecordId>,
		limit: u32,
	) -> Vec<(RecordId, DocumentSetOf<T>)> {
		let iter = match start_after {
			Some(after) => PatientRecords::<T>::iter_prefix_from(
				patient,
				PatientRecords::<T>::hashed_key_for(patient, after),
			),
			None => PatientRecords::<T>::iter_prefix(patient),
		};
		iter.filter_map(|(id, ())| DocumentSets::<T>::get(id).map(|d| (id, d)))
			.take(limit as usize)
			.collect()
	}

	/// A page of `patient`'s records as clients see them.
	pub fn patient_records(
		patient: &T::AccountId,
		start_after: Option<RecordId>,
		limit: u32,
	) -> Vec<(RecordId, RecordSummary<T::AccountId, BlockNumberFor<T>>)> {
		Self::document_sets_of(patient, start_after, limit)
			.into_iter()
			.map(|(id, d)| {
				let summary = RecordSummary {
					category: d.category,
					labels: d.labels,
					content_hash: d.content_hash,
					size: d.size,
					custodian: d.custodian,
					metadata: d.metadata.into_inner(),
					supersedes: d.supersedes,
					superseded_by: d.superseded_by,
					registered_at: d.registered_at,
					disputed: d.dispute.is_some(),
				};
				(id, summary)
			})
			.collect()
	}

	/// Checks every invariant listed in the crate docs.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		use sp_runtime::traits::Saturating;
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		let next = NextRecordId::<T>::get();
		for (id, entry) in DocumentSets::<T>::iter() {
			ensure!(id < next, "record id at or above the counter");
			ensure!(PatientRecords::<T>::contains_key(&entry.patient, id), "record not listed");
			if let Some(successor) = entry.superseded_by {
				let newer = DocumentSets::<T>::get(successor).ok_or("successor missing")?;
				ensure!(newer.supersedes == Some(id), "successor does not name its predecessor");
				ensure!(
					newer.patient == entry.patient && newer.custodian == entry.custodian,
					"amendment across patients or custodians"
				);
			}
			let sum = deposits.entry(entry.registered_by).or_default();
			*sum = sum.saturating_add(entry.deposit);
		}
		for (patient, id, ()) in PatientRecords::<T>::iter() {
			let entry = DocumentSets::<T>::get(id).ok_or("listed record missing")?;
			ensure!(entry.patient == patient, "record listed under another patient");
		}
		for (who, sum) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::DocumentSetDeposit.into(), &who);
			ensure!(held == sum, "document set deposits differ from the holds");
		}
		Ok(())
	}
}
