//! # Code Approval Pallet
//!
//! Contract code runs on patients' consent, so the provider council approves it before anyone
//! may store it on chain, as an ethics board approves a study protocol. The council approves a
//! code hash by motion ([`Pallet::approve`]); any signed account may then upload code of that
//! hash ([`Pallet::upload`]) and pays its storage deposit. Instantiating uploaded code is open to
//! any signed account (the contracts pallet's own `instantiate`).
//!
//! ## Terminology
//!
//! - **Code hash**: the hash of a contract's Wasm code, as the contracts pallet keys it.
//! - **Approval**: the council's permission to upload code of one hash.
//!
//! ## Invariants
//!
//! - Code reaches the chain through [`Pallet::upload`] only, and only while its hash is
//!   approved; the runtime refuses every other way of uploading (the contracts pallet's
//!   `UploadOrigin` admits no one).
//! - Withdrawing an approval stops new uploads of that code; code already stored, and the
//!   contracts made from it, stay.
//!
//! See [`Config`] and [`Call`].

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

use alloc::vec::Vec;
use frame_support::weights::Weight;
use sp_runtime::DispatchError;

/// Where approved code is stored: the contracts pallet in MedLedger's runtime.
pub trait CodeStore<AccountId, Hash, Balance> {
	/// The hash `code` is stored under.
	fn hash_of(code: &[u8]) -> Hash;
	/// Stores `code`, taking the storage deposit (at most `deposit_limit`, if given) from
	/// `uploader`; returns the deposit taken.
	fn store(
		uploader: AccountId,
		code: Vec<u8>,
		deposit_limit: Option<Balance>,
	) -> Result<Balance, DispatchError>;
	/// The weight of storing code of `len` bytes.
	fn store_weight(len: u32) -> Weight;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The version of this pallet's storage layout: the one it launched with.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The balance a storage deposit is counted in.
		type Balance: Parameter + MaxEncodedLen + Copy;

		/// Where approved code goes.
		type CodeStore: CodeStore<Self::AccountId, Self::Hash, Self::Balance>;

		/// Who approves code and withdraws approvals: two thirds of the provider council in
		/// MedLedger.
		type ApproveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The longest code that may be uploaded, in bytes.
		#[pallet::constant]
		type MaxCodeLen: Get<u32>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;
	}

	/// The approved code hashes, with the block each was approved at.
	#[pallet::storage]
	pub type Approved<T: Config> = StorageMap<_, Identity, T::Hash, BlockNumberFor<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The council approved code of `code_hash` for upload.
		CodeApproved { code_hash: T::Hash },
		/// The council withdrew its approval of `code_hash`.
		ApprovalWithdrawn { code_hash: T::Hash },
		/// `uploader` stored approved code, holding `deposit` for it.
		CodeUploaded { code_hash: T::Hash, uploader: T::AccountId, deposit: T::Balance },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The council has not approved code of this hash.
		NotApproved,
		/// The code hash is approved already.
		AlreadyApproved,
		/// The code is longer than `MaxCodeLen`.
		CodeTooLong,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Approve code of `code_hash` for upload.
		///
		/// The origin must be [`Config::ApproveOrigin`].
		///
		/// # Events
		/// [`Event::CodeApproved`].
		///
		/// # Errors
		/// [`Error::AlreadyApproved`]; `BadOrigin` for any other origin.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			ensure!(!Approved::<T>::contains_key(code_hash), Error::<T>::AlreadyApproved);
			Approved::<T>::insert(code_hash, frame_system::Pallet::<T>::block_number());
			Self::deposit_event(Event::CodeApproved { code_hash });
			Ok(())
		}

		/// Withdraw the approval of `code_hash`: no new upload of that code. Code already
		/// stored, and contracts made from it, stay.
		///
		/// The origin must be [`Config::ApproveOrigin`].
		///
		/// # Events
		/// [`Event::ApprovalWithdrawn`].
		///
		/// # Errors
		/// [`Error::NotApproved`]; `BadOrigin` for any other origin.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::withdraw())]
		pub fn withdraw(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			Approved::<T>::take(code_hash).ok_or(Error::<T>::NotApproved)?;
			Self::deposit_event(Event::ApprovalWithdrawn { code_hash });
			Ok(())
		}

		/// Upload approved contract code; the signer holds its storage deposit, at most
		/// `deposit_limit` if given.
		///
		/// The origin must be signed.
		///
		/// # Events
		/// [`Event::CodeUploaded`] (and the contracts pallet's own `CodeStored`).
		///
		/// # Errors
		/// [`Error::CodeTooLong`], [`Error::NotApproved`], and whatever the code store refuses
		/// (invalid code, a deposit above the limit or the signer's funds).
		///
		/// # Weight
		/// This pallet's check, plus the code store's weight for code of this length.
		#[pallet::call_index(2)]
		#[pallet::weight(
			T::WeightInfo::upload_check(code.len() as u32).saturating_add(T::CodeStore::store_weight(code.len() as u32))
		)]
		pub fn upload(
			origin: OriginFor<T>,
			code: Vec<u8>,
			deposit_limit: Option<T::Balance>,
		) -> DispatchResult {
			let uploader = ensure_signed(origin)?;
			let (code_hash, deposit) = Self::try_upload(uploader.clone(), code, deposit_limit)?;
			Self::deposit_event(Event::CodeUploaded { code_hash, uploader, deposit });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Stores `code` for `uploader` if its hash is approved: the upload itself, and what a
	/// dry run (the runtime's `ContractsApi::upload_code`) answers. Returns the hash and the
	/// deposit taken.
	pub fn try_upload(
		uploader: T::AccountId,
		code: Vec<u8>,
		deposit_limit: Option<T::Balance>,
	) -> Result<(T::Hash, T::Balance), DispatchError> {
		use frame_support::traits::Get;
		frame_support::ensure!(
			code.len() <= T::MaxCodeLen::get() as usize,
			Error::<T>::CodeTooLong
		);
		let code_hash = T::CodeStore::hash_of(&code);
		frame_support::ensure!(Approved::<T>::contains_key(code_hash), Error::<T>::NotApproved);
		let deposit = T::CodeStore::store(uploader, code, deposit_limit)?;
		Ok((code_hash, deposit))
	}

	/// Whether code of `code_hash` may be uploaded.
	pub fn is_approved(code_hash: &T::Hash) -> bool {
		Approved::<T>::contains_key(code_hash)
	}
}
