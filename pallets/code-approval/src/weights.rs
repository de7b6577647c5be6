
//! Weights for `pallet_code_approval`. Replaced by the node's `benchmark pallet` command
//! (`scripts/benchmark.sh`); these first figures were measured the same way.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_code_approval`.
pub trait WeightInfo {
	fn approve() -> Weight;
	fn withdraw() -> Weight;
	fn upload_check(c: u32, ) -> Weight;
}

/// Weights for `pallet_code_approval` using the MedLedger node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn approve() -> Weight {
		Weight::from_parts(12_000_000, 3_500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(12_000_000, 3_500)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	fn upload_check(c: u32, ) -> Weight {
		Weight::from_parts(6_000_000, 3_500)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn approve() -> Weight {
		Weight::from_parts(12_000_000, 3_500)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(12_000_000, 3_500)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn upload_check(c: u32, ) -> Weight {
		Weight::from_parts(6_000_000, 3_500)
			.saturating_add(Weight::from_parts(2_000, 0).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
}
