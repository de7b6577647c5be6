//! Placeholder until `scripts/benchmark.sh pallet_council_root` writes the measured weights.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_council_root`.
pub trait WeightInfo {
	fn dispatch() -> Weight;
}

/// Weights for `pallet_council_root`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch() -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
}

impl WeightInfo for () {
	fn dispatch() -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
}
