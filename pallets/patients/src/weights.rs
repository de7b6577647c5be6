
//! Weights for `pallet_patients`, measured by the node's `benchmark pallet` command.
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
//! pallet_patients
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
//! pallets/patients/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_patients`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn register_sponsored() -> Weight;
	fn rotate_encryption_key() -> Weight;
	fn appoint_representative() -> Weight;
	fn dismiss_representative() -> Weight;
	fn close_account(r: u32, ) -> Weight;
	fn is_patient() -> Weight;
}

/// Weights for `pallet_patients` in a runtime whose database weights are `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Patients::Patients` (r:1 w:1)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn register() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `145`
		//  Estimated: `3640`
		// Minimum execution time: 76_813_000 picoseconds.
		Weight::from_parts(81_488_000, 3640)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `System::BlockHash` (r:1 w:0)
	/// Proof: `System::BlockHash` (`max_values`: None, `max_size`: Some(44), added: 2519, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:1)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn register_sponsored() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `448`
		//  Estimated: `6196`
		// Minimum execution time: 141_555_000 picoseconds.
		Weight::from_parts(158_007_000, 6196)
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Patients::Patients` (r:1 w:1)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	fn rotate_encryption_key() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `211`
		//  Estimated: `3605`
		// Minimum execution time: 16_758_000 picoseconds.
		Weight::from_parts(19_220_000, 3605)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Patients::Representatives` (r:1 w:1)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:1)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	fn appoint_representative() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `513`
		//  Estimated: `3605`
		// Minimum execution time: 27_779_000 picoseconds.
		Weight::from_parts(31_888_000, 3605)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Patients::Representatives` (r:1 w:1)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:1)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	fn dismiss_representative() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `570`
		//  Estimated: `3605`
		// Minimum execution time: 29_490_000 picoseconds.
		Weight::from_parts(33_467_000, 3605)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Patients::Patients` (r:1 w:1)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Representatives` (r:9 w:8)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:1)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Patients::EpochEnds` (r:0 w:1)
	/// Proof: `Patients::EpochEnds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	/// The range of component `r` is `[0, 8]`.
	fn close_account(r: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `585 + r * (86 ±0)`
		//  Estimated: `3640 + r * (2610 ±0)`
		// Minimum execution time: 97_338_000 picoseconds.
		Weight::from_parts(109_755_192, 3640)
			.saturating_add(Weight::from_parts(19_265_477, 0).saturating_mul(r.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(r.into())))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 2610).saturating_mul(r.into()))
	}
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn is_patient() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `147`
		//  Estimated: `3605`
		// Minimum execution time: 12_682_000 picoseconds.
		Weight::from_parts(13_678_000, 3605)
			.saturating_add(T::DbWeight::get().reads(2_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(81_488_000, 3640)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn register_sponsored() -> Weight {
		Weight::from_parts(158_007_000, 6196)
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn rotate_encryption_key() -> Weight {
		Weight::from_parts(19_220_000, 3605)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn appoint_representative() -> Weight {
		Weight::from_parts(31_888_000, 3605)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn dismiss_representative() -> Weight {
		Weight::from_parts(33_467_000, 3605)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn close_account(r: u32, ) -> Weight {
		Weight::from_parts(109_755_192, 3640)
			.saturating_add(Weight::from_parts(19_265_477, 0).saturating_mul(r.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(r.into())))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(r.into())))
			.saturating_add(Weight::from_parts(0, 2610).saturating_mul(r.into()))
	}
	fn is_patient() -> Weight {
		Weight::from_parts(13_678_000, 3605)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
	}
}
