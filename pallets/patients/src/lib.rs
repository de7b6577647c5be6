//! # Patients Pallet
//!
//! The patient agent: who the patients are, the key data for them is sealed to, and who may act
//! for them.
//!
//! ## Overview
//!
//! - A patient **registers** with an x25519 encryption key, holding a deposit; or an active
//!   provider (or one of its practitioners) **sponsors** the registration, holding the deposit
//!   itself and carrying the patient's own signature over the registration, so that no one can
//!   register someone else. A sponsored patient needs no funds: the account is kept alive by the
//!   registration itself.
//! - The patient **appoints representatives** (guardian, parent of a minor, legal proxy), each
//!   with a scope, a hash of the legal basis and an optional end block; the law (the governance
//!   origin) can appoint one too. A representative acts for the patient only within its scope
//!   and until its end.
//! - The patient **rotates** the encryption key, and may **close** the account: every grant ends
//!   at once, because grants carry the patient's consent epoch and closing bumps it.
//!
//! Other pallets ask through [`medledger_primitives::PatientRegistry`]: single storage reads.
//!
//! ## Invariants
//!
//! - Each patient's `representatives` count equals its entries in [`Representatives`], and no
//!   representative entry exists for an account that is not a patient.
//! - The deposits recorded for patients add up, per depositor, to what the depositor has on
//!   hold for this pallet.
//! - A patient is never its own representative.
//!
//! See [`Config`] and [`Call`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::Precision,
	},
};
use frame_system::pallet_prelude::*;
use medledger_primitives::{
	EncryptionKey, KeyVersion, PatientRegistry, ProviderRegistry, RepresentativeScope,
};
use sp_core::H256;
use sp_runtime::traits::{IdentifyAccount, Verify};

/// The balance type of the currency deposits are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A [`PatientInfo`] as this runtime stores it.
pub type PatientInfoOf<T> =
	PatientInfo<<T as frame_system::Config>::AccountId, BalanceOf<T>, BlockNumberFor<T>>;

#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The version of this pallet's storage layout: the one it launched with.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency registration deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The signature a patient gives a sponsoring provider.
		type Signature: Verify<Signer = Self::Signer> + Parameter;

		/// Who signs: identifies as an account of this chain.
		type Signer: IdentifyAccount<AccountId = Self::AccountId>;

		/// The provider registry: sponsors must be active providers or their practitioners.
		type Providers: ProviderRegistry<Self::AccountId>;

		/// The origin that appoints representatives by law (a court order, a statutory
		/// guardian): the provider council in MedLedger.
		type LawOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The deposit held for a patient. It pays for the patient's record (key, version,
		/// depositor, deposit, block, count: see [`PatientInfo`]), the consent epoch kept after
		/// the account closes, and up to [`Config::MaxRepresentatives`] representatives.
		#[pallet::constant]
		type PatientDeposit: Get<BalanceOf<Self>>;

		/// The most representatives one patient may have.
		#[pallet::constant]
		type MaxRepresentatives: Get<u32>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;

		/// Makes patients who can sign, for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::Signature>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a patient's registration.
		PatientDeposit,
	}

	/// Registered patients.
	#[pallet::storage]
	pub type Patients<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, PatientInfoOf<T>, OptionQuery>;

	/// Each account's consent epoch: bumped when a patient closes the account, and kept after
	/// it, so grants made before closing stay dead if the patient registers again.
	#[pallet::storage]
	pub type Epochs<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// When each closed consent epoch ended: patient, epoch → the block of the closing. Kept so
	/// that "was this grant valid at block T" stays answerable after the account is closed.
	#[pallet::storage]
	pub type EpochEnds<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Twox64Concat,
		u32,
		BlockNumberFor<T>,
		OptionQuery,
	>;

	/// Representatives: patient, representative → representation.
	#[pallet::storage]
	pub type Representatives<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		T::AccountId,
		Representation<BlockNumberFor<T>>,
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A patient registered; `depositor` holds the deposit (the patient, or a sponsor).
		PatientRegistered { patient: T::AccountId, depositor: T::AccountId },
		/// A patient rotated their encryption key; `version` is the new key's.
		EncryptionKeyRotated { patient: T::AccountId, version: KeyVersion },
		/// A representative was appointed, or their appointment changed.
		RepresentativeAppointed {
			patient: T::AccountId,
			representative: T::AccountId,
			scope: RepresentativeScope,
			until: Option<BlockNumberFor<T>>,
			by: Appointer,
		},
		/// A representative was dismissed or resigned.
		RepresentativeRemoved { patient: T::AccountId, representative: T::AccountId },
		/// A patient closed their account: every grant of `epoch` and before has ended.
		AccountClosed { patient: T::AccountId, epoch: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is a registered patient already.
		AlreadyRegistered,
		/// The account is not a registered patient.
		NotPatient,
		/// The encryption key is all zeros.
		InvalidEncryptionKey,
		/// The new key is the key in use.
		SameEncryptionKey,
		/// The patient's signature does not match the registration.
		BadSignature,
		/// Only an active provider or its practitioner may sponsor a registration.
		NotSponsor,
		/// A patient cannot represent themself.
		SelfRepresentation,
		/// The patient has `MaxRepresentatives` representatives already.
		TooManyRepresentatives,
		/// The account does not represent the patient.
		NotRepresentative,
		/// The end block of a representation must be in the future.
		EndInPast,
		/// The consent epoch would overflow.
		Overflow,
		/// The representative was appointed by law: only the law (or the representative's
		/// resignation, or the appointment's end) ends it.
		AppointedByLaw,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxRepresentatives::get() > 0, "MaxRepresentatives must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register as a patient, holding `PatientDeposit`.
		///
		/// The origin must be signed by the future patient, not yet registered.
		///
		/// # Events
		/// [`Event::PatientRegistered`].
		///
		/// # Errors
		/// [`Error::AlreadyRegistered`], [`Error::InvalidEncryptionKey`], or a token error if
		/// the deposit cannot be held.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(origin: OriginFor<T>, encryption_key: EncryptionKey) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			Self::do_register(patient.clone(), patient, encryption_key)
		}

		/// Register `patient` on their behalf, holding the deposit from the caller.
		///
		/// The origin must be signed by an active provider or one of its practitioners.
		/// `signature` is the patient's signature over the SCALE encoding of
		/// [`RegistrationPayload`] (tag, genesis hash, patient, key, consent epoch), so that
		/// nobody registers a patient who did not ask for it.
		///
		/// # Events
		/// [`Event::PatientRegistered`].
		///
		/// # Errors
		/// [`Error::NotSponsor`], [`Error::BadSignature`], [`Error::AlreadyRegistered`],
		/// [`Error::InvalidEncryptionKey`], or a token error if the deposit cannot be held.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register_sponsored())]
		pub fn register_sponsored(
			origin: OriginFor<T>,
			patient: T::AccountId,
			encryption_key: EncryptionKey,
			signature: T::Signature,
		) -> DispatchResult {
			let sponsor = ensure_signed(origin)?;
			ensure!(T::Providers::acting_provider(&sponsor).is_some(), Error::<T>::NotSponsor);
			let payload = Self::registration_payload(&patient, encryption_key);
			ensure!(
				payload.using_encoded(|bytes| signature.verify(bytes, &patient)),
				Error::<T>::BadSignature
			);
			Self::do_register(patient, sponsor, encryption_key)
		}

		/// Rotate the patient's encryption key.
		///
		/// The origin must be signed by the patient.
		///
		/// # Events
		/// [`Event::EncryptionKeyRotated`] with the new key's version.
		///
		/// # Errors
		/// [`Error::NotPatient`], [`Error::InvalidEncryptionKey`],
		/// [`Error::SameEncryptionKey`], [`Error::Overflow`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::rotate_encryption_key())]
		pub fn rotate_encryption_key(
			origin: OriginFor<T>,
			encryption_key: EncryptionKey,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			ensure!(encryption_key.0 != [0u8; 32], Error::<T>::InvalidEncryptionKey);
			let version =
				Patients::<T>::try_mutate(&patient, |info| -> Result<_, DispatchError> {
					let info = info.as_mut().ok_or(Error::<T>::NotPatient)?;
					ensure!(info.encryption_key != encryption_key, Error::<T>::SameEncryptionKey);
					info.key_version =
						info.key_version.checked_add(1).ok_or(Error::<T>::Overflow)?;
					info.encryption_key = encryption_key;
					Ok(info.key_version)
				})?;
			Self::deposit_event(Event::EncryptionKeyRotated { patient, version });
			Ok(())
		}

		/// Appoint a representative, or change an existing appointment.
		///
		/// The origin must be signed by the patient.
		///
		/// - `scope`: what the representative may do.
		/// - `legal_basis`: a hash of the founding document, which stays off chain.
		/// - `until`: the first block the representation no longer holds, if it ends.
		///
		/// # Events
		/// [`Event::RepresentativeAppointed`].
		///
		/// # Errors
		/// [`Error::NotPatient`], [`Error::SelfRepresentation`], [`Error::EndInPast`],
		/// [`Error::TooManyRepresentatives`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::appoint_representative())]
		pub fn appoint_representative(
			origin: OriginFor<T>,
			representative: T::AccountId,
			scope: RepresentativeScope,
			legal_basis: H256,
			until: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let representation =
				Representation { scope, legal_basis, until, appointed_by: Appointer::Patient };
			Self::do_appoint(patient, representative, representation)
		}

		/// Dismiss one of the patient's representatives. A representative appointed by law is
		/// not the patient's to dismiss: that appointment ends at its end block, when the
		/// representative resigns, or by [`Pallet::dismiss_by_law`].
		///
		/// The origin must be signed by the patient.
		///
		/// # Events
		/// [`Event::RepresentativeRemoved`].
		///
		/// # Errors
		/// [`Error::NotRepresentative`], [`Error::AppointedByLaw`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::dismiss_representative())]
		pub fn dismiss_representative(
			origin: OriginFor<T>,
			representative: T::AccountId,
		) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let representation = Representatives::<T>::get(&patient, &representative)
				.ok_or(Error::<T>::NotRepresentative)?;
			ensure!(representation.appointed_by != Appointer::Law, Error::<T>::AppointedByLaw);
			Self::do_remove_representative(patient, representative)
		}

		/// Resign as a representative of `patient`.
		///
		/// The origin must be signed by the representative.
		///
		/// # Events
		/// [`Event::RepresentativeRemoved`].
		///
		/// # Errors
		/// [`Error::NotRepresentative`].
		///
		/// # Weight
		/// As [`Pallet::dismiss_representative`]: the same removal, without its check of who
		/// appointed the representative.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::dismiss_representative())]
		pub fn resign(origin: OriginFor<T>, patient: T::AccountId) -> DispatchResult {
			let representative = ensure_signed(origin)?;
			Self::do_remove_representative(patient, representative)
		}

		/// Appoint a representative for `patient` by law (a court order, a statutory guardian).
		///
		/// The origin must be [`Config::LawOrigin`].
		///
		/// # Events
		/// [`Event::RepresentativeAppointed`].
		///
		/// # Errors
		/// As [`Pallet::appoint_representative`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::appoint_representative())]
		pub fn appoint_by_law(
			origin: OriginFor<T>,
			patient: T::AccountId,
			representative: T::AccountId,
			scope: RepresentativeScope,
			legal_basis: H256,
			until: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			T::LawOrigin::ensure_origin(origin)?;
			let representation =
				Representation { scope, legal_basis, until, appointed_by: Appointer::Law };
			Self::do_appoint(patient, representative, representation)
		}

		/// End a representation by law (a court lifts a guardianship), whoever appointed it.
		///
		/// The origin must be [`Config::LawOrigin`].
		///
		/// # Events
		/// [`Event::RepresentativeRemoved`].
		///
		/// # Errors
		/// [`Error::NotRepresentative`].
		///
		/// # Weight
		/// As [`Pallet::dismiss_representative`]: the same removal, by another origin.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::dismiss_representative())]
		pub fn dismiss_by_law(
			origin: OriginFor<T>,
			patient: T::AccountId,
			representative: T::AccountId,
		) -> DispatchResult {
			T::LawOrigin::ensure_origin(origin)?;
			Self::do_remove_representative(patient, representative)
		}

		/// Close the patient's account: every grant ends at once, representatives are removed,
		/// and the deposit returns to whoever paid it.
		///
		/// The origin must be signed by the patient.
		///
		/// # Events
		/// [`Event::RepresentativeRemoved`] for each representative, then
		/// [`Event::AccountClosed`].
		///
		/// # Errors
		/// [`Error::NotPatient`], [`Error::AppointedByLaw`] (a representative appointed by law
		/// is in force), [`Error::Overflow`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::close_account(T::MaxRepresentatives::get()))]
		pub fn close_account(origin: OriginFor<T>) -> DispatchResult {
			let patient = ensure_signed(origin)?;
			let info = Patients::<T>::get(&patient).ok_or(Error::<T>::NotPatient)?;
			// A ward cannot shed a guardian the law appointed by closing and registering anew.
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				!Representatives::<T>::iter_prefix_values(&patient)
					.any(|r| r.appointed_by == Appointer::Law && r.in_force(&now)),
				Error::<T>::AppointedByLaw
			);
			let epoch = Epochs::<T>::get(&patient).checked_add(1).ok_or(Error::<T>::Overflow)?;
			for (representative, _) in Representatives::<T>::drain_prefix(&patient) {
				Self::deposit_event(Event::RepresentativeRemoved {
					patient: patient.clone(),
					representative,
				});
			}
			Patients::<T>::remove(&patient);
			EpochEnds::<T>::insert(&patient, epoch.saturating_sub(1), now);
			Epochs::<T>::insert(&patient, epoch);
			T::Currency::release(
				&HoldReason::PatientDeposit.into(),
				&info.depositor,
				info.deposit,
				Precision::BestEffort,
			)?;
			if info.depositor != patient {
				// The registration kept a sponsored patient's account alive; it no longer does.
				frame_system::Pallet::<T>::dec_sufficients(&patient);
			}
			Self::deposit_event(Event::AccountClosed { patient, epoch });
			Ok(())
		}
	}
}

/// Makes patients who can sign, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// A new account whose key can sign.
	fn patient() -> AccountId;
	/// `patient`'s signature over `message`.
	fn sign(patient: &AccountId, message: &[u8]) -> Signature;
	/// An active provider (or its practitioner) to sponsor registrations.
	fn sponsor() -> Option<AccountId>;
}

impl<T: Config> Pallet<T> {
	/// What a patient signs to be registered by a sponsor, now.
	pub fn registration_payload(
		patient: &T::AccountId,
		encryption_key: EncryptionKey,
	) -> RegistrationPayload<T::AccountId, T::Hash> {
		RegistrationPayload {
			tag: REGISTRATION_TAG,
			genesis: frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::default()),
			patient: patient.clone(),
			encryption_key,
			epoch: Epochs::<T>::get(patient),
		}
	}

	fn do_register(
		patient: T::AccountId,
		depositor: T::AccountId,
		encryption_key: EncryptionKey,
	) -> DispatchResult {
		ensure!(!Patients::<T>::contains_key(&patient), Error::<T>::AlreadyRegistered);
		ensure!(encryption_key.0 != [0u8; 32], Error::<T>::InvalidEncryptionKey);
		let deposit = T::PatientDeposit::get();
		T::Currency::hold(&HoldReason::PatientDeposit.into(), &depositor, deposit)?;
		if depositor != patient {
			// A sponsored patient may hold nothing: the registration keeps the account alive so
			// that the patient can still sign (feeless) consent transactions.
			frame_system::Pallet::<T>::inc_sufficients(&patient);
		}
		Patients::<T>::insert(
			&patient,
			PatientInfo {
				encryption_key,
				key_version: 0,
				depositor: depositor.clone(),
				deposit,
				registered_at: frame_system::Pallet::<T>::block_number(),
				representatives: 0,
			},
		);
		Self::deposit_event(Event::PatientRegistered { patient, depositor });
		Ok(())
	}

	fn do_appoint(
		patient: T::AccountId,
		representative: T::AccountId,
		representation: Representation<BlockNumberFor<T>>,
	) -> DispatchResult {
		ensure!(patient != representative, Error::<T>::SelfRepresentation);
		if let Some(until) = representation.until {
			ensure!(until > frame_system::Pallet::<T>::block_number(), Error::<T>::EndInPast);
		}
		let existing = Representatives::<T>::get(&patient, &representative);
		// The patient cannot rewrite a legal appointment into one of their own and then dismiss it.
		ensure!(
			representation.appointed_by == Appointer::Law
				|| existing.is_none_or(|r| r.appointed_by != Appointer::Law),
			Error::<T>::AppointedByLaw
		);
		Patients::<T>::try_mutate(&patient, |info| -> DispatchResult {
			let info = info.as_mut().ok_or(Error::<T>::NotPatient)?;
			if existing.is_none() {
				ensure!(
					info.representatives < T::MaxRepresentatives::get(),
					Error::<T>::TooManyRepresentatives
				);
				info.representatives = info.representatives.saturating_add(1);
			}
			Ok(())
		})?;
		Representatives::<T>::insert(&patient, &representative, representation);
		Self::deposit_event(Event::RepresentativeAppointed {
			patient,
			representative,
			scope: representation.scope,
			until: representation.until,
			by: representation.appointed_by,
		});
		Ok(())
	}

	fn do_remove_representative(
		patient: T::AccountId,
		representative: T::AccountId,
	) -> DispatchResult {
		Representatives::<T>::take(&patient, &representative)
			.ok_or(Error::<T>::NotRepresentative)?;
		Patients::<T>::mutate(&patient, |info| {
			if let Some(info) = info {
				info.representatives = info.representatives.saturating_sub(1);
			}
		});
		Self::deposit_event(Event::RepresentativeRemoved { patient, representative });
		Ok(())
	}

	/// Checks every invariant listed in the crate docs.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use frame_support::traits::fungible::InspectHold;
		use sp_runtime::traits::Saturating;
		let mut deposits = alloc::collections::BTreeMap::<T::AccountId, BalanceOf<T>>::new();
		for (patient, info) in Patients::<T>::iter() {
			let count = Representatives::<T>::iter_prefix(&patient).count();
			ensure!(count as u32 == info.representatives, "representative count is off");
			ensure!(
				!Representatives::<T>::contains_key(&patient, &patient),
				"patient represents themself"
			);
			let sum = deposits.entry(info.depositor).or_default();
			*sum = sum.saturating_add(info.deposit);
		}
		for (patient, _, _) in Representatives::<T>::iter() {
			ensure!(Patients::<T>::contains_key(&patient), "representative of a non-patient");
		}
		for (depositor, sum) in deposits {
			let held = T::Currency::balance_on_hold(&HoldReason::PatientDeposit.into(), &depositor);
			ensure!(held == sum, "patient deposits differ from the holds");
		}
		Ok(())
	}
}

impl<T: Config> PatientRegistry<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn consent_epoch(who: &T::AccountId) -> Option<u32> {
		Patients::<T>::contains_key(who).then(|| Epochs::<T>::get(who))
	}

	fn epoch_ended(who: &T::AccountId, epoch: u32) -> Option<BlockNumberFor<T>> {
		EpochEnds::<T>::get(who, epoch)
	}

	fn scope_of(agent: &T::AccountId, patient: &T::AccountId) -> Option<RepresentativeScope> {
		if agent == patient {
			return Patients::<T>::contains_key(patient).then_some(RepresentativeScope::Full);
		}
		let now = frame_system::Pallet::<T>::block_number();
		Representatives::<T>::get(patient, agent).filter(|r| r.in_force(&now)).map(|r| r.scope)
	}

	fn encryption_key(who: &T::AccountId) -> Option<(EncryptionKey, KeyVersion)> {
		Patients::<T>::get(who).map(|info| (info.encryption_key, info.key_version))
	}
}
