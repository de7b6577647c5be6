//! Placeholder until `scripts/benchmark.sh pallet_consent` writes the measured weights.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_consent`.
pub trait WeightInfo {
	fn grant(g: u32) -> Weight;
	fn revoke(g: u32) -> Weight;
	fn revoke_all(g: u32) -> Weight;
	fn inquire(q: u32) -> Weight;
	fn answer_inquiry(q: u32, g: u32) -> Weight;
	fn withdraw_inquiry(q: u32) -> Weight;
	fn reap_inquiry(q: u32) -> Weight;
	fn open_emergency_access(g: u32) -> Weight;
	fn flag_emergency_access() -> Weight;
}

/// Weights for `pallet_consent`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn grant(_g: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn revoke(_g: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn revoke_all(_g: u32) -> Weight { Weight::from_parts(400_000_000, 16000) }
	fn inquire(_q: u32) -> Weight { Weight::from_parts(300_000_000, 16000) }
	fn answer_inquiry(_q: u32, _g: u32) -> Weight { Weight::from_parts(400_000_000, 16000) }
	fn withdraw_inquiry(_q: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn reap_inquiry(_q: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn open_emergency_access(_g: u32) -> Weight { Weight::from_parts(300_000_000, 8000) }
	fn flag_emergency_access() -> Weight { Weight::from_parts(100_000_000, 4000) }
}

impl WeightInfo for () {
	fn grant(_g: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn revoke(_g: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn revoke_all(_g: u32) -> Weight { Weight::from_parts(400_000_000, 16000) }
	fn inquire(_q: u32) -> Weight { Weight::from_parts(300_000_000, 16000) }
	fn answer_inquiry(_q: u32, _g: u32) -> Weight { Weight::from_parts(400_000_000, 16000) }
	fn withdraw_inquiry(_q: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn reap_inquiry(_q: u32) -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn open_emergency_access(_g: u32) -> Weight { Weight::from_parts(300_000_000, 8000) }
	fn flag_emergency_access() -> Weight { Weight::from_parts(100_000_000, 4000) }
}
