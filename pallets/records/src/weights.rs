
//! Weights for `pallet_records`, measured by the node's `benchmark pallet` command.
//!
//! Generated with the Substrate benchmark CLI 64.0.0 on 2026-11-22: do not edit by hand.
//! STEPS: `20`, REPEAT: `10`, WASM-EXECUTION: `Compiled`,
//! CHAIN: `Some("dev")`, DB CACHE: `1024`
//! HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor`
//!
//! Command:
//! /root/.cache/medledger/target/debug/medledger-node
//! benchmark
//! pallet
//! --chain
//! dev
//! --pallet
//! pallet_records
//! --extrinsic
//! *
//! --steps
//! 20
//! --repeat
//! 10
//! --wasm-execution
//! compiled
//! --heap-pages
//! 4096
//! --template
//! .maintain/frame-weight-template.hbs
//! --output
//! pallets/records/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_records`.
pub trait WeightInfo {
	fn register_document_set() -> Weight;
	fn dispute() -> Weight;
	fn report_disclosures(n: u32, ) -> Weight;
	fn record_facts() -> Weight;
}

/// Weights for `pallet_records` in a runtime whose database weights are `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Records::NextRecordId` (r:1 w:1)
	/// Proof: `Records::NextRecordId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Records::DocumentSets` (r:1 w:2)
	/// Proof: `Records::DocumentSets` (`max_values`: None, `max_size`: Some(740), added: 3215, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Records::PatientRecords` (r:0 w:1)
	/// Proof: `Records::PatientRecords` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn register_document_set() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1474`
		//  Estimated: `7120`
		// Minimum execution time: 125_393_000 picoseconds.
		Weight::from_parts(139_355_000, 7120)
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Records::DocumentSets` (r:1 w:1)
	/// Proof: `Records::DocumentSets` (`max_values`: None, `max_size`: Some(740), added: 3215, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	fn dispute() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `420`
		//  Estimated: `4205`
		// Minimum execution time: 25_115_000 picoseconds.
		Weight::from_parts(29_762_000, 4205)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Records::DocumentSets` (r:64 w:0)
	/// Proof: `Records::DocumentSets` (`max_values`: None, `max_size`: Some(740), added: 3215, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:64 w:0)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(143), added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Patients::EpochEnds` (r:64 w:0)
	/// Proof: `Patients::EpochEnds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// Storage: `Records::DisclosureLogs` (r:64 w:64)
	/// Proof: `Records::DisclosureLogs` (`max_values`: None, `max_size`: Some(88), added: 2563, mode: `MaxEncodedLen`)
	/// The range of component `n` is `[1, 64]`.
	fn report_disclosures(n: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `712 + n * (296 ±0)`
		//  Estimated: `7120 + n * (3215 ±0)`
		// Minimum execution time: 65_927_000 picoseconds.
		Weight::from_parts(32_278_432, 7120)
			.saturating_add(Weight::from_parts(31_586_922, 0).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3215).saturating_mul(n.into()))
	}
	/// Storage: `Records::DocumentSets` (r:1 w:0)
	/// Proof: `Records::DocumentSets` (`max_values`: None, `max_size`: Some(740), added: 3215, mode: `MaxEncodedLen`)
	fn record_facts() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `855`
		//  Estimated: `4205`
		// Minimum execution time: 10_818_000 picoseconds.
		Weight::from_parts(11_770_000, 4205)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn register_document_set() -> Weight {
		Weight::from_parts(139_355_000, 7120)
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn dispute() -> Weight {
		Weight::from_parts(29_762_000, 4205)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn report_disclosures(n: u32, ) -> Weight {
		Weight::from_parts(32_278_432, 7120)
			.saturating_add(Weight::from_parts(31_586_922, 0).saturating_mul(n.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((4_u64).saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(n.into())))
			.saturating_add(Weight::from_parts(0, 3215).saturating_mul(n.into()))
	}
	fn record_facts() -> Weight {
		Weight::from_parts(11_770_000, 4205)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
}
