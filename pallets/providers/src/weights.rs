//! Weights for `pallet_providers`.
//!
//! Placeholder until the node's `benchmark pallet` command regenerates this file on the
//! reference machine; see the crate README for the command.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// The weight of each call of this pallet.
pub trait WeightInfo {
	fn apply() -> Weight;
	fn withdraw_application() -> Weight;
	fn admit(a: u32) -> Weight;
	fn reject() -> Weight;
	fn suspend(a: u32) -> Weight;
	fn reinstate(a: u32) -> Weight;
	fn expel(a: u32, p: u32) -> Weight;
	fn retire(a: u32, p: u32) -> Weight;
	fn set_endpoint() -> Weight;
	fn rotate_encryption_key() -> Weight;
	fn add_practitioner(p: u32) -> Weight;
	fn remove_practitioner(p: u32) -> Weight;
	fn leave_provider(p: u32) -> Weight;
}

/// Weights measured on the reference machine.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn apply() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn withdraw_application() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn admit(_a: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn reject() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn suspend(_a: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn reinstate(_a: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn expel(_a: u32, _p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn retire(_a: u32, _p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn set_endpoint() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn rotate_encryption_key() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn add_practitioner(_p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn remove_practitioner(_p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn leave_provider(_p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
}

impl WeightInfo for () {
	fn apply() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn withdraw_application() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn admit(_a: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn reject() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn suspend(_a: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn reinstate(_a: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn expel(_a: u32, _p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn retire(_a: u32, _p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn set_endpoint() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn rotate_encryption_key() -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn add_practitioner(_p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn remove_practitioner(_p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
	fn leave_provider(_p: u32) -> Weight { Weight::from_parts(50_000_000, 4000) }
}
