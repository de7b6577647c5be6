//! # Council Root Pallet
//!
//! MedLedger has no sudo key. Whatever needs root (a runtime upgrade, a forced balance
//! correction) is a motion of the provider council: when [`Config::CouncilOrigin`] is satisfied
//! (two thirds of the council in MedLedger's runtime), [`Pallet::dispatch`] runs the call with
//! the root origin.
//!
//! ## Terminology
//!
//! - **Motion**: a proposal of the council (`pallet_collective`) that carries a call.
//! - **Root**: the origin of unrestricted authority in FRAME.
//!
//! ## Invariants
//!
//! - Only [`Config::CouncilOrigin`] reaches root through this pallet; the call's own failure is
//!   reported in [`Event::Dispatched`] and never makes the motion itself fail.
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

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::boxed::Box;
	use frame_support::{
		dispatch::{GetDispatchInfo, PostDispatchInfo},
		pallet_prelude::*,
		traits::UnfilteredDispatchable,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::traits::Dispatchable;

	/// The version of this pallet's storage layout: the one it launched with.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The calls a motion may carry.
		type RuntimeCall: Parameter
			+ Dispatchable<RuntimeOrigin = Self::RuntimeOrigin, PostInfo = PostDispatchInfo>
			+ UnfilteredDispatchable<RuntimeOrigin = Self::RuntimeOrigin>
			+ GetDispatchInfo;

		/// The origin that acts as root: two thirds of the provider council in MedLedger.
		type CouncilOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weight information for the calls of this pallet.
		type WeightInfo: WeightInfo;
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A council motion dispatched a call as root; `result` is the call's own outcome.
		Dispatched { result: DispatchResult },
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Dispatch `call` with the root origin.
		///
		/// The origin must be [`Config::CouncilOrigin`]. The council pays no fee for it; the
		/// weight is this pallet's overhead plus the call's own.
		///
		/// # Events
		/// [`Event::Dispatched`] with the call's result.
		///
		/// # Errors
		/// `BadOrigin` for any other origin.
		#[pallet::call_index(0)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::dispatch().saturating_add(info.call_weight), info.class)
		})]
		pub fn dispatch(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::CouncilOrigin::ensure_origin(origin)?;
			let result = call.dispatch_bypass_filter(frame_system::RawOrigin::Root.into());
			Self::deposit_event(Event::Dispatched {
				result: result.map(|_| ()).map_err(|e| e.error),
			});
			Ok(Pays::No.into())
		}
	}
}
