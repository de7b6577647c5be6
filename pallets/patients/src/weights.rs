//! Placeholder until `scripts/benchmark.sh pallet_patients` writes the measured weights.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_patients`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn register_sponsored() -> Weight;
	fn rotate_encryption_key() -> Weight;
	fn appoint_representative() -> Weight;
	fn remove_representative() -> Weight;
	fn close_account(r: u32) -> Weight;
}

/// Weights for `pallet_patients`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn register_sponsored() -> Weight { Weight::from_parts(200_000_000, 4000) }
	fn rotate_encryption_key() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn appoint_representative() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn remove_representative() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn close_account(_r: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
}

impl WeightInfo for () {
	fn register() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn register_sponsored() -> Weight { Weight::from_parts(200_000_000, 4000) }
	fn rotate_encryption_key() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn appoint_representative() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn remove_representative() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn close_account(_r: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
}
