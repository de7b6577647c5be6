//! Placeholder until `scripts/benchmark.sh pallet_records` writes the measured weights.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// The weight of each call of `pallet_records`.
pub trait WeightInfo {
	fn register_document_set() -> Weight;
	fn dispute() -> Weight;
	fn report_disclosures(n: u32) -> Weight;
}

/// Weights for `pallet_records`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_document_set() -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn dispute() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn report_disclosures(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(Weight::from_parts(100_000_000, 8000).saturating_mul(n.into()))
	}
}

impl WeightInfo for () {
	fn register_document_set() -> Weight { Weight::from_parts(200_000_000, 8000) }
	fn dispute() -> Weight { Weight::from_parts(100_000_000, 4000) }
	fn report_disclosures(n: u32) -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(Weight::from_parts(100_000_000, 8000).saturating_mul(n.into()))
	}
}
