//! # Providers Pallet
//!
//! The registry of the clinics, labs and hospitals that run MedLedger.
//!
//! ## Overview
//!
//! MedLedger is a permissioned chain: the providers that hold patients' records run its
//! validators and govern it as a council. This pallet keeps who they are and how they stand:
//!
//! - a clinic **applies** with its name, the URL of its records gateway and the x25519 key that
//!   data for it is sealed to, holding a deposit; it may withdraw while it waits;
//! - the council (see [`Config::GovernanceOrigin`]) **admits** or rejects it, and may later
//!   **suspend**, **reinstate** or **expel** it; a provider may **retire** of its own accord;
//! - a provider keeps its gateway endpoint current and **rotates** its encryption key, whose
//!   version is kept so that data sealed to an older key can be traced to it;
//! - a provider offers an account **employment** and the account accepts: it is then one of
//!   the provider's **practitioners** (staff accounts); a practitioner belongs to one provider at
//!   a time, and nobody becomes one without accepting.
//!
//! The pallet is the session manager of the chain ([`pallet_session::SessionManager`]): at each
//! rotation the validator set becomes the active providers that have set session keys, so a
//! suspended or expelled provider stops authoring at the next rotation. The council's membership
//! follows the active providers through [`Config::Council`].
//!
//! ## Terminology
//!
//! - **Applicant**: an account with a pending [`Application`].
//! - **Provider**: an admitted clinic, [`ProviderStatus::Active`] or
//!   [`ProviderStatus::Suspended`].
//! - **Active provider**: a provider in good standing; active providers are the council and the
//!   candidates for the validator set.
//! - **Practitioner**: a staff account of one provider.
//!
//! ## Invariants
//!
//! - [`ActiveProviders`] is sorted, free of duplicates, and holds exactly the providers whose
//!   status is active; it is never empty while any provider is registered.
//! - The council's members are exactly the active providers.
//! - An account is at most one of: applicant, provider, practitioner.
//! - [`Employers`] and [`Practitioners`] describe the same relation, each way.
//! - [`EmploymentOffers`] belong to registered providers, each offer once.
//! - Every applicant and provider has exactly its recorded deposit on hold.
//!
//! See [`Config`] for the knobs and [`Call`] for the calls.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(any(feature = "try-runtime", test))]
mod invariants;
#[cfg(test)]
mod mock;
mod registry;
mod session;
#[cfg(test)]
mod tests;
mod types;
pub mod weights;

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision},
		ChangeMembers, InitializeMembers, SortedMembers, ValidatorRegistration,
	},
};
use frame_system::pallet_prelude::*;
use medledger_primitives::{EncryptionKey, ProviderRegistry, ProviderStatus};
use sp_runtime::{
	traits::{Saturating, Zero},
	SaturatedConversion,
};

const LOG_TARGET: &str = "runtime::providers";

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
		/// The currency that application deposits are held in.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason.
		type RuntimeHoldReason: From<HoldReason>;

		/// The origin that admits, rejects, suspends, reinstates and expels providers: the
		/// council in MedLedger's runtime.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The council whose membership follows the active providers. It is told of every
		/// change, and read back by the `try_state` checks.
		type Council: ChangeMembers<Self::AccountId>
			+ InitializeMembers<Self::AccountId>
			+ SortedMembers<Self::AccountId>;

		/// Tells whether an account has set session keys: only those can be validators.
		type ValidatorRegistration: ValidatorRegistration<Self::AccountId>;

		/// The fixed part of the deposit held from an applicant, and kept while it is a
		/// provider. It pays for the fixed-size bytes of its record (key, versions, previous keys,
		/// status, deposit, block numbers: see [`ProviderInfo`]), its place among the active
		/// providers, and its roster of up to [`Config::MaxPractitioners`] practitioners.
		#[pallet::constant]
		type ProviderDepositBase: Get<BalanceOf<Self>>;

		/// The deposit held for each byte of the provider's name and endpoint.
		#[pallet::constant]
		type ProviderDepositPerByte: Get<BalanceOf<Self>>;

		/// The most providers (active and suspended) the registry holds: it bounds the council
		/// and the validator set too.
		#[pallet::constant]
		type MaxProviders: Get<u32>;

		/// The most practitioners one provider may register, and the most offers of employment
		/// it may have open.
		#[pallet::constant]
		type MaxPractitioners: Get<u32>;

		/// How long an offer of employment stands: from this many blocks after it was made it
		/// can no longer be accepted, so a post offered long ago cannot be taken up by an
		/// account whose standing the provider no longer knows.
		#[pallet::constant]
		type EmploymentOfferLifetime: Get<BlockNumberFor<Self>>;

		/// The longest provider name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The longest gateway endpoint URL, in bytes.
		#[pallet::constant]
		type MaxEndpointLength: Get<u32>;

		/// How many retired encryption keys a provider's record keeps; the oldest is dropped
		/// when a rotation would exceed it.
		#[pallet::constant]
		type MaxPreviousKeys: Get<u32>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of an applicant or provider for its record.
		ProviderDeposit,
	}

	/// Pending applications, by applicant.
	#[pallet::storage]
	pub type Applications<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, ApplicationOf<T>, OptionQuery>;

	/// Admitted providers, active or suspended.
	#[pallet::storage]
	pub type Providers<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, T::AccountId, ProviderInfoOf<T>, OptionQuery>;

	/// The active providers, sorted: the council, and the candidates for the validator set.
	#[pallet::storage]
	pub type ActiveProviders<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxProviders>, ValueQuery>;

	/// The practitioners of each provider.
	#[pallet::storage]
	pub type Practitioners<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<T::AccountId, T::MaxPractitioners>,
		ValueQuery,
	>;

	/// The provider each practitioner works for.
	#[pallet::storage]
	pub type Employers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, T::AccountId, OptionQuery>;

	/// The accounts each provider offered employment to, and the block of each offer, until
	/// they accept, the provider withdraws the offer or it lapses
	/// ([`Config::EmploymentOfferLifetime`]). Nobody becomes a provider's practitioner without
	/// accepting.
	#[pallet::storage]
	pub type EmploymentOffers<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, OffersOf<T>, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The founding providers: account, name, gateway endpoint and encryption key. They are
		/// active from the first block, form the first council, and hold no deposit.
		pub providers: Vec<(T::AccountId, Vec<u8>, Vec<u8>, [u8; 32])>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut active = Vec::with_capacity(self.providers.len());
			for (who, name, endpoint, key) in &self.providers {
				let name = Pallet::<T>::checked_name(name.clone())
					.unwrap_or_else(|e| panic!("founding provider name: {e:?}"));
				let endpoint = Pallet::<T>::checked_endpoint(endpoint.clone())
					.unwrap_or_else(|e| panic!("founding provider endpoint: {e:?}"));
				assert!(!Providers::<T>::contains_key(who), "founding provider listed twice");
				Providers::<T>::insert(
					who,
					ProviderInfo {
						name,
						endpoint,
						encryption_key: EncryptionKey(*key),
						key_version: 0,
						previous_keys: BoundedVec::new(),
						status: ProviderStatus::Active,
						deposit: Zero::zero(),
						admitted_at: Zero::zero(),
					},
				);
				active.push(who.clone());
			}
			active.sort();
			let active: BoundedVec<_, T::MaxProviders> = active
				.try_into()
				.unwrap_or_else(|_| panic!("more founding providers than MaxProviders"));
			T::Council::initialize_members(&active);
			ActiveProviders::<T>::put(active);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A clinic applied to join.
		Applied { applicant: T::AccountId, deposit: BalanceOf<T> },
		/// An applicant withdrew; its deposit was returned.
		ApplicationWithdrawn { applicant: T::AccountId },
		/// The council rejected an application; the deposit was returned.
		ApplicationRejected { applicant: T::AccountId },
		/// The council admitted a clinic: it is now an active provider and council member.
		Admitted { provider: T::AccountId },
		/// The council suspended a provider.
		Suspended { provider: T::AccountId },
		/// The council reinstated a suspended provider.
		Reinstated { provider: T::AccountId },
		/// The council expelled a provider; its deposit was slashed.
		Expelled { provider: T::AccountId, slashed: BalanceOf<T> },
		/// A provider retired; its deposit was returned.
		Retired { provider: T::AccountId },
		/// A provider moved its records gateway.
		EndpointUpdated { provider: T::AccountId },
		/// A provider rotated its encryption key; `version` is the new key's.
		EncryptionKeyRotated { provider: T::AccountId, version: u32 },
		/// A provider offered an account employment; the account becomes its practitioner
		/// when it accepts.
		EmploymentOffered { provider: T::AccountId, practitioner: T::AccountId },
		/// A provider withdrew an offer of employment that was not accepted.
		EmploymentOfferWithdrawn { provider: T::AccountId, practitioner: T::AccountId },
		/// An account accepted a provider's offer: it is the provider's practitioner.
		PractitionerAdded { provider: T::AccountId, practitioner: T::AccountId },
		/// A practitioner left a provider, removed by it or of their own accord.
		PractitionerRemoved { provider: T::AccountId, practitioner: T::AccountId },
		/// The validator set for an upcoming session was chosen.
		ValidatorsPlanned { session: u32, validators: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller has an application pending already.
		AlreadyApplied,
		/// The account is a provider already.
		AlreadyProvider,
		/// The account is a practitioner; it must leave its provider first.
		IsPractitioner,
		/// The account is an applicant or provider, so it cannot be a practitioner.
		IsProvider,
		/// No application is pending for the account.
		NotApplicant,
		/// The account is not a provider.
		NotProvider,
		/// The provider is not active.
		NotActive,
		/// The provider is not suspended.
		NotSuspended,
		/// The name is empty, too long, or not UTF-8.
		InvalidName,
		/// The endpoint is not an `http://` or `https://` URL of printable ASCII within the
		/// length limit.
		InvalidEndpoint,
		/// The encryption key is all zeros.
		InvalidEncryptionKey,
		/// The new key is the key in use.
		SameEncryptionKey,
		/// The registry holds `MaxProviders` providers already.
		TooManyProviders,
		/// The provider has `MaxPractitioners` practitioners already.
		TooManyPractitioners,
		/// The practitioner works for a provider already.
		AlreadyEmployed,
		/// The account is not a practitioner of the caller.
		NotYourPractitioner,
		/// The caller is not a practitioner.
		NotPractitioner,
		/// The provider offered the account employment already.
		AlreadyOffered,
		/// The provider has `MaxPractitioners` offers open already.
		TooManyOffers,
		/// The provider made the account no offer of employment.
		NoOffer,
		/// The offer of employment lapsed: the provider may offer again.
		OfferLapsed,
		/// The provider is the last active one: the chain would have no validator or council.
		LastActiveProvider,
		/// The key version counter would overflow.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxProviders::get() > 0, "MaxProviders must be positive");
			assert!(T::MaxNameLength::get() > 0, "MaxNameLength must be positive");
			assert!(
				T::MaxEndpointLength::get() > <SchemeLength as Get<u32>>::get(),
				"MaxEndpointLength must leave room for more than a URL scheme"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Apply to join as a provider.
		///
		/// The origin must be signed by an account that is not a provider, applicant or
		/// practitioner. Holds `ProviderDepositBase + ProviderDepositPerByte * (name + endpoint
		/// bytes)` until the application is withdrawn or rejected, or the provider leaves.
		///
		/// - `name`: the clinic's name, UTF-8, at most `MaxNameLength` bytes.
		/// - `endpoint`: its records gateway, an `http(s)://` URL of at most `MaxEndpointLength`.
		/// - `encryption_key`: the x25519 public key data for it is sealed to.
		///
		/// # Events
		/// [`Event::Applied`].
		///
		/// # Errors
		/// [`Error::AlreadyApplied`], [`Error::AlreadyProvider`], [`Error::IsPractitioner`],
		/// [`Error::InvalidName`], [`Error::InvalidEndpoint`], [`Error::InvalidEncryptionKey`],
		/// or a token error if the deposit cannot be held.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::apply())]
		pub fn apply(
			origin: OriginFor<T>,
			name: Vec<u8>,
			endpoint: Vec<u8>,
			encryption_key: EncryptionKey,
		) -> DispatchResult {
			let applicant = ensure_signed(origin)?;
			ensure!(!Applications::<T>::contains_key(&applicant), Error::<T>::AlreadyApplied);
			ensure!(!Providers::<T>::contains_key(&applicant), Error::<T>::AlreadyProvider);
			ensure!(!Employers::<T>::contains_key(&applicant), Error::<T>::IsPractitioner);
			let name = Self::checked_name(name)?;
			let endpoint = Self::checked_endpoint(endpoint)?;
			ensure!(encryption_key.0 != [0u8; 32], Error::<T>::InvalidEncryptionKey);

			let deposit = Self::deposit_for(name.len(), endpoint.len());
			T::Currency::hold(&HoldReason::ProviderDeposit.into(), &applicant, deposit)?;
			Applications::<T>::insert(
				&applicant,
				Application {
					name,
					endpoint,
					encryption_key,
					deposit,
					applied_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			Self::deposit_event(Event::Applied { applicant, deposit });
			Ok(())
		}

		/// Withdraw a pending application and get the deposit back.
		///
		/// The origin must be signed by the applicant.
		///
		/// # Events
		/// [`Event::ApplicationWithdrawn`].
		///
		/// # Errors
		/// [`Error::NotApplicant`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw_application())]
		pub fn withdraw_application(origin: OriginFor<T>) -> DispatchResult {
			let applicant = ensure_signed(origin)?;
			Self::drop_application(&applicant)?;
			Self::deposit_event(Event::ApplicationWithdrawn { applicant });
			Ok(())
		}

		/// Admit an applicant: it becomes an active provider and a council member, and a
		/// candidate for the validator set from the next rotation once it has set session keys.
		///
		/// The origin must be [`Config::GovernanceOrigin`]. The deposit stays held.
		///
		/// # Events
		/// [`Event::Admitted`].
		///
		/// # Errors
		/// [`Error::NotApplicant`], [`Error::TooManyProviders`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::admit(T::MaxProviders::get()))]
		pub fn admit(origin: OriginFor<T>, applicant: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let application = Applications::<T>::get(&applicant).ok_or(Error::<T>::NotApplicant)?;
			ensure!(Providers::<T>::count() < T::MaxProviders::get(), Error::<T>::TooManyProviders);
			Self::activate(&applicant)?;
			Applications::<T>::remove(&applicant);
			Providers::<T>::insert(
				&applicant,
				ProviderInfo {
					name: application.name,
					endpoint: application.endpoint,
					encryption_key: application.encryption_key,
					key_version: 0,
					previous_keys: BoundedVec::new(),
					status: ProviderStatus::Active,
					deposit: application.deposit,
					admitted_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			Self::deposit_event(Event::Admitted { provider: applicant });
			Ok(())
		}

		/// Reject a pending application; the deposit is returned.
		///
		/// The origin must be [`Config::GovernanceOrigin`].
		///
		/// # Events
		/// [`Event::ApplicationRejected`].
		///
		/// # Errors
		/// [`Error::NotApplicant`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(origin: OriginFor<T>, applicant: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::drop_application(&applicant)?;
			Self::deposit_event(Event::ApplicationRejected { applicant });
			Ok(())
		}

		/// Suspend an active provider: it leaves the council at once and the validator set at
		/// the next rotation, and grants to it stop working until it is reinstated.
		///
		/// The origin must be [`Config::GovernanceOrigin`].
		///
		/// # Events
		/// [`Event::Suspended`].
		///
		/// # Errors
		/// [`Error::NotProvider`], [`Error::NotActive`], [`Error::LastActiveProvider`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::suspend(T::MaxProviders::get()))]
		pub fn suspend(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Providers::<T>::try_mutate(&provider, |info| -> DispatchResult {
				let info = info.as_mut().ok_or(Error::<T>::NotProvider)?;
				ensure!(info.status == ProviderStatus::Active, Error::<T>::NotActive);
				Self::deactivate(&provider)?;
				info.status = ProviderStatus::Suspended;
				Ok(())
			})?;
			Self::deposit_event(Event::Suspended { provider });
			Ok(())
		}

		/// Reinstate a suspended provider: it rejoins the council at once and is a candidate for
		/// the validator set from the next rotation.
		///
		/// The origin must be [`Config::GovernanceOrigin`].
		///
		/// # Events
		/// [`Event::Reinstated`].
		///
		/// # Errors
		/// [`Error::NotProvider`], [`Error::NotSuspended`].
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::reinstate(T::MaxProviders::get()))]
		pub fn reinstate(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Providers::<T>::try_mutate(&provider, |info| -> DispatchResult {
				let info = info.as_mut().ok_or(Error::<T>::NotProvider)?;
				ensure!(info.status == ProviderStatus::Suspended, Error::<T>::NotSuspended);
				Self::activate(&provider)?;
				info.status = ProviderStatus::Active;
				Ok(())
			})?;
			Self::deposit_event(Event::Reinstated { provider });
			Ok(())
		}

		/// Expel a provider: it leaves the registry, the council and (at the next rotation) the
		/// validator set; its practitioners are released and its deposit is slashed.
		///
		/// The origin must be [`Config::GovernanceOrigin`].
		///
		/// # Events
		/// [`Event::PractitionerRemoved`] for each practitioner, then [`Event::Expelled`].
		///
		/// # Errors
		/// [`Error::NotProvider`], [`Error::LastActiveProvider`].
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::expel(T::MaxProviders::get(), T::MaxPractitioners::get()))]
		pub fn expel(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let info = Self::remove_provider(&provider)?;
			let slashed = T::Currency::burn_held(
				&HoldReason::ProviderDeposit.into(),
				&provider,
				info.deposit,
				Precision::BestEffort,
				Fortitude::Force,
			)?;
			Self::deposit_event(Event::Expelled { provider, slashed });
			Ok(())
		}

		/// Retire: leave the registry, the council and (at the next rotation) the validator set;
		/// practitioners are released and the deposit is returned.
		///
		/// The origin must be signed by the provider.
		///
		/// # Events
		/// [`Event::PractitionerRemoved`] for each practitioner, then [`Event::Retired`].
		///
		/// # Errors
		/// [`Error::NotProvider`], [`Error::LastActiveProvider`].
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::retire(
			T::MaxProviders::get(),
			T::MaxPractitioners::get()
		))]
		pub fn retire(origin: OriginFor<T>) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let info = Self::remove_provider(&provider)?;
			T::Currency::release(
				&HoldReason::ProviderDeposit.into(),
				&provider,
				info.deposit,
				Precision::BestEffort,
			)?;
			Self::deposit_event(Event::Retired { provider });
			Ok(())
		}

		/// Move the provider's records gateway to a new URL. The deposit follows the new length.
		///
		/// The origin must be signed by a provider, active or suspended.
		///
		/// # Events
		/// [`Event::EndpointUpdated`].
		///
		/// # Errors
		/// [`Error::NotProvider`], [`Error::InvalidEndpoint`], or a token error if a larger
		/// deposit cannot be held.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_endpoint())]
		pub fn set_endpoint(origin: OriginFor<T>, endpoint: Vec<u8>) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let endpoint = Self::checked_endpoint(endpoint)?;
			Providers::<T>::try_mutate(&provider, |info| -> DispatchResult {
				let info = info.as_mut().ok_or(Error::<T>::NotProvider)?;
				// Founding providers hold no deposit and are not asked for one now.
				if !info.deposit.is_zero() {
					let new = Self::deposit_for(info.name.len(), endpoint.len());
					Self::adjust_deposit(&provider, info.deposit, new)?;
					info.deposit = new;
				}
				info.endpoint = endpoint;
				Ok(())
			})?;
			Self::deposit_event(Event::EndpointUpdated { provider });
			Ok(())
		}

		/// Rotate the provider's encryption key. The retired key stays on record with its
		/// version (up to `MaxPreviousKeys` of them, oldest dropped first).
		///
		/// The origin must be signed by a provider, active or suspended.
		///
		/// # Events
		/// [`Event::EncryptionKeyRotated`] with the new key's version.
		///
		/// # Errors
		/// [`Error::NotProvider`], [`Error::InvalidEncryptionKey`], [`Error::SameEncryptionKey`],
		/// [`Error::Overflow`].
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::rotate_encryption_key())]
		pub fn rotate_encryption_key(
			origin: OriginFor<T>,
			encryption_key: EncryptionKey,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			ensure!(encryption_key.0 != [0u8; 32], Error::<T>::InvalidEncryptionKey);
			let version =
				Providers::<T>::try_mutate(&provider, |info| -> Result<u32, DispatchError> {
					let info = info.as_mut().ok_or(Error::<T>::NotProvider)?;
					ensure!(info.encryption_key != encryption_key, Error::<T>::SameEncryptionKey);
					let version = info.key_version.checked_add(1).ok_or(Error::<T>::Overflow)?;
					if info.previous_keys.is_full() && !info.previous_keys.is_empty() {
						info.previous_keys.remove(0);
					}
					// Cannot fail: there is room now, unless `MaxPreviousKeys` is zero, in which case
					// no history is kept by design.
					let _ = info.previous_keys.try_push((info.key_version, info.encryption_key));
					info.encryption_key = encryption_key;
					info.key_version = version;
					Ok(version)
				})?;
			Self::deposit_event(Event::EncryptionKeyRotated { provider, version });
			Ok(())
		}

		/// Offer `practitioner` employment as a staff account of the calling provider. The
		/// account becomes a practitioner only when it accepts ([`Pallet::accept_employment`]):
		/// a provider cannot make an account its staff (and so bar it from applying as a
		/// provider, or let it read the provider's records) without its consent.
		///
		/// The origin must be signed by an active provider. The account must not be a provider,
		/// an applicant or a practitioner.
		///
		/// # Events
		/// [`Event::EmploymentOffered`].
		///
		/// Offers that lapsed are dropped first: they take no room.
		///
		/// # Errors
		/// [`Error::NotProvider`], [`Error::NotActive`], [`Error::IsProvider`],
		/// [`Error::AlreadyEmployed`], [`Error::AlreadyOffered`], [`Error::TooManyOffers`].
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::offer_employment(T::MaxPractitioners::get()))]
		pub fn offer_employment(
			origin: OriginFor<T>,
			practitioner: T::AccountId,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let info = Providers::<T>::get(&provider).ok_or(Error::<T>::NotProvider)?;
			ensure!(info.status == ProviderStatus::Active, Error::<T>::NotActive);
			Self::ensure_employable(&practitioner)?;
			let now = frame_system::Pallet::<T>::block_number();
			EmploymentOffers::<T>::try_mutate(&provider, |offers| {
				offers.retain(|(_, made)| !Self::lapsed(*made, now));
				ensure!(
					!offers.iter().any(|(p, _)| p == &practitioner),
					Error::<T>::AlreadyOffered
				);
				offers.try_push((practitioner.clone(), now)).map_err(|_| Error::<T>::TooManyOffers)
			})?;
			Self::deposit_event(Event::EmploymentOffered { provider, practitioner });
			Ok(())
		}

		/// Accept `provider`'s offer of employment: the caller becomes its practitioner.
		///
		/// The origin must be signed by the account offered. The provider must be active and
		/// the caller must not be a provider, an applicant or a practitioner.
		///
		/// # Events
		/// [`Event::PractitionerAdded`].
		///
		/// # Errors
		/// [`Error::NoOffer`], [`Error::OfferLapsed`], [`Error::NotProvider`],
		/// [`Error::NotActive`], [`Error::IsProvider`], [`Error::AlreadyEmployed`],
		/// [`Error::TooManyPractitioners`].
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::accept_employment(T::MaxPractitioners::get()))]
		pub fn accept_employment(origin: OriginFor<T>, provider: T::AccountId) -> DispatchResult {
			let practitioner = ensure_signed(origin)?;
			let mut offers = EmploymentOffers::<T>::get(&provider);
			let at =
				offers.iter().position(|(p, _)| p == &practitioner).ok_or(Error::<T>::NoOffer)?;
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(!Self::lapsed(offers[at].1, now), Error::<T>::OfferLapsed);
			let info = Providers::<T>::get(&provider).ok_or(Error::<T>::NotProvider)?;
			ensure!(info.status == ProviderStatus::Active, Error::<T>::NotActive);
			Self::ensure_employable(&practitioner)?;
			Practitioners::<T>::try_mutate(&provider, |staff| {
				staff.try_push(practitioner.clone()).map_err(|_| Error::<T>::TooManyPractitioners)
			})?;
			offers.remove(at);
			Self::store_offers(&provider, offers);
			Employers::<T>::insert(&practitioner, &provider);
			Self::deposit_event(Event::PractitionerAdded { provider, practitioner });
			Ok(())
		}

		/// Withdraw the calling provider's offer of employment to `practitioner`.
		///
		/// # Events
		/// [`Event::EmploymentOfferWithdrawn`].
		///
		/// # Errors
		/// [`Error::NoOffer`].
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::withdraw_employment_offer(T::MaxPractitioners::get()))]
		pub fn withdraw_employment_offer(
			origin: OriginFor<T>,
			practitioner: T::AccountId,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			let mut offers = EmploymentOffers::<T>::get(&provider);
			let at =
				offers.iter().position(|(p, _)| p == &practitioner).ok_or(Error::<T>::NoOffer)?;
			offers.remove(at);
			Self::store_offers(&provider, offers);
			Self::deposit_event(Event::EmploymentOfferWithdrawn { provider, practitioner });
			Ok(())
		}

		/// Remove one of the calling provider's practitioners.
		///
		/// The origin must be signed by a provider, active or suspended.
		///
		/// # Events
		/// [`Event::PractitionerRemoved`].
		///
		/// # Errors
		/// [`Error::NotYourPractitioner`].
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_practitioner(T::MaxPractitioners::get()))]
		pub fn remove_practitioner(
			origin: OriginFor<T>,
			practitioner: T::AccountId,
		) -> DispatchResult {
			let provider = ensure_signed(origin)?;
			ensure!(
				Employers::<T>::get(&practitioner).as_ref() == Some(&provider),
				Error::<T>::NotYourPractitioner
			);
			Self::release_practitioner(&provider, &practitioner);
			Ok(())
		}

		/// Leave the provider the caller works for.
		///
		/// The origin must be signed by a practitioner.
		///
		/// # Events
		/// [`Event::PractitionerRemoved`].
		///
		/// # Errors
		/// [`Error::NotPractitioner`].
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::leave_provider(T::MaxPractitioners::get()))]
		pub fn leave_provider(origin: OriginFor<T>) -> DispatchResult {
			let practitioner = ensure_signed(origin)?;
			let provider = Employers::<T>::get(&practitioner).ok_or(Error::<T>::NotPractitioner)?;
			Self::release_practitioner(&provider, &practitioner);
			Ok(())
		}
	}
}
