
//! Weights for `pallet_providers`, measured by the node's `benchmark pallet` command.
//!
//! Generated with the Substrate benchmark CLI 64.0.0 on 2026-11-21: do not edit by hand.
//! STEPS: `20`, REPEAT: `10`, WASM-EXECUTION: `Compiled`,
//! CHAIN: `Some("dev")`, DB CACHE: `1024`
//! HOSTNAME: `vm`, CPU: `Intel(R) Xeon(R) Processor`
//!
//! Command:
//! /work/target/debug/medledger-node
//! benchmark
//! pallet
//! --chain
//! dev
//! --pallet
//! pallet_providers
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
//! pallets/providers/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_providers`.
pub trait WeightInfo {
	fn apply() -> Weight;
	fn withdraw_application() -> Weight;
	fn admit(a: u32, ) -> Weight;
	fn reject() -> Weight;
	fn suspend(a: u32, ) -> Weight;
	fn reinstate(a: u32, ) -> Weight;
	fn expel(a: u32, p: u32, ) -> Weight;
	fn retire(a: u32, p: u32, ) -> Weight;
	fn set_endpoint() -> Weight;
	fn rotate_encryption_key() -> Weight;
	fn add_practitioner(p: u32, ) -> Weight;
	fn remove_practitioner(p: u32, ) -> Weight;
	fn leave_provider(p: u32, ) -> Weight;
	fn is_active_provider() -> Weight;
}

/// Weights for `pallet_providers` in a runtime whose database weights are `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Providers::Applications` (r:1 w:1)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn apply() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `273`
		//  Estimated: `4055`
		// Minimum execution time: 128_164_000 picoseconds.
		Weight::from_parts(141_715_000, 4055)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::Applications` (r:1 w:1)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn withdraw_application() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `581`
		//  Estimated: `3761`
		// Minimum execution time: 100_013_000 picoseconds.
		Weight::from_parts(106_872_000, 3761)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::Applications` (r:1 w:1)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `Providers::CounterForProviders` (r:1 w:1)
	/// Proof: `Providers::CounterForProviders` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ActiveProviders` (r:1 w:1)
	/// Proof: `Providers::ActiveProviders` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `Council::Proposals` (r:1 w:0)
	/// Proof: `Council::Proposals` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Council::Members` (r:0 w:1)
	/// Proof: `Council::Members` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Council::Prime` (r:0 w:1)
	/// Proof: `Council::Prime` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// The range of component `a` is `[1, 99]`.
	fn admit(a: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `809 + a * (36 ±0)`
		//  Estimated: `4687 + a * (37 ±0)`
		// Minimum execution time: 54_524_000 picoseconds.
		Weight::from_parts(69_555_148, 4687)
			.saturating_add(Weight::from_parts(390_290, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	/// Storage: `Providers::Applications` (r:1 w:1)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn reject() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `581`
		//  Estimated: `3761`
		// Minimum execution time: 100_601_000 picoseconds.
		Weight::from_parts(106_562_000, 3761)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ActiveProviders` (r:1 w:1)
	/// Proof: `Providers::ActiveProviders` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `Council::Proposals` (r:1 w:0)
	/// Proof: `Council::Proposals` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Council::Members` (r:0 w:1)
	/// Proof: `Council::Members` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Council::Prime` (r:0 w:1)
	/// Proof: `Council::Prime` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// The range of component `a` is `[2, 100]`.
	fn suspend(a: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `738 + a * (36 ±0)`
		//  Estimated: `4687 + a * (37 ±0)`
		// Minimum execution time: 39_343_000 picoseconds.
		Weight::from_parts(45_804_920, 4687)
			.saturating_add(Weight::from_parts(346_333, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ActiveProviders` (r:1 w:1)
	/// Proof: `Providers::ActiveProviders` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `Council::Proposals` (r:1 w:0)
	/// Proof: `Council::Proposals` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Council::Members` (r:0 w:1)
	/// Proof: `Council::Members` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Council::Prime` (r:0 w:1)
	/// Proof: `Council::Prime` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// The range of component `a` is `[2, 100]`.
	fn reinstate(a: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `706 + a * (36 ±0)`
		//  Estimated: `4687 + a * (37 ±0)`
		// Minimum execution time: 38_690_000 picoseconds.
		Weight::from_parts(47_020_023, 4687)
			.saturating_add(Weight::from_parts(368_913, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ActiveProviders` (r:1 w:1)
	/// Proof: `Providers::ActiveProviders` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `Council::Proposals` (r:1 w:0)
	/// Proof: `Council::Proposals` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Providers::Practitioners` (r:1 w:1)
	/// Proof: `Providers::Practitioners` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Providers::CounterForProviders` (r:1 w:1)
	/// Proof: `Providers::CounterForProviders` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:0 w:256)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Council::Members` (r:0 w:1)
	/// Proof: `Council::Members` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Council::Prime` (r:0 w:1)
	/// Proof: `Council::Prime` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// The range of component `a` is `[2, 100]`.
	/// The range of component `p` is `[0, 256]`.
	fn expel(a: u32, p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1356 + a * (42 ±0) + p * (32 ±0)`
		//  Estimated: `11707 + a * (40 ±1) + p * (33 ±0)`
		// Minimum execution time: 158_944_000 picoseconds.
		Weight::from_parts(1_236_892_416, 11707)
			.saturating_add(Weight::from_parts(7_787_970, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 33).saturating_mul(p.into()))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::ActiveProviders` (r:1 w:1)
	/// Proof: `Providers::ActiveProviders` (`max_values`: Some(1), `max_size`: Some(3202), added: 3697, mode: `MaxEncodedLen`)
	/// Storage: `Council::Proposals` (r:1 w:0)
	/// Proof: `Council::Proposals` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Providers::Practitioners` (r:1 w:1)
	/// Proof: `Providers::Practitioners` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// Storage: `Providers::CounterForProviders` (r:1 w:1)
	/// Proof: `Providers::CounterForProviders` (`max_values`: Some(1), `max_size`: Some(4), added: 499, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:0 w:256)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Council::Members` (r:0 w:1)
	/// Proof: `Council::Members` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// Storage: `Council::Prime` (r:0 w:1)
	/// Proof: `Council::Prime` (`max_values`: Some(1), `max_size`: None, mode: `Measured`)
	/// The range of component `a` is `[2, 100]`.
	/// The range of component `p` is `[0, 256]`.
	fn retire(a: u32, p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1356 + a * (42 ±0) + p * (32 ±0)`
		//  Estimated: `11707 + a * (40 ±1) + p * (33 ±0)`
		// Minimum execution time: 183_617_000 picoseconds.
		Weight::from_parts(155_465_661, 11707)
			.saturating_add(Weight::from_parts(476_982, 0).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(7_757_706, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 33).saturating_mul(p.into()))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(121), added: 2596, mode: `MaxEncodedLen`)
	fn set_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `567`
		//  Estimated: `4055`
		// Minimum execution time: 105_484_000 picoseconds.
		Weight::from_parts(111_382_000, 4055)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	fn rotate_encryption_key() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `697`
		//  Estimated: `4055`
		// Minimum execution time: 26_633_000 picoseconds.
		Weight::from_parts(29_888_000, 4055)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Applications` (r:1 w:0)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:1)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Practitioners` (r:1 w:1)
	/// Proof: `Providers::Practitioners` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[0, 255]`.
	fn add_practitioner(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `975 + p * (34 ±0)`
		//  Estimated: `11707`
		// Minimum execution time: 48_463_000 picoseconds.
		Weight::from_parts(65_870_330, 11707)
			.saturating_add(Weight::from_parts(133_525, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Providers::Employers` (r:1 w:1)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Practitioners` (r:1 w:1)
	/// Proof: `Providers::Practitioners` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[1, 256]`.
	fn remove_practitioner(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `721 + p * (33 ±0)`
		//  Estimated: `11707`
		// Minimum execution time: 35_303_000 picoseconds.
		Weight::from_parts(43_745_228, 11707)
			.saturating_add(Weight::from_parts(107_148, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Providers::Employers` (r:1 w:1)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Practitioners` (r:1 w:1)
	/// Proof: `Providers::Practitioners` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[1, 256]`.
	fn leave_provider(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `721 + p * (33 ±0)`
		//  Estimated: `11707`
		// Minimum execution time: 35_455_000 picoseconds.
		Weight::from_parts(44_380_935, 11707)
			.saturating_add(Weight::from_parts(107_590, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	fn is_active_provider() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `446`
		//  Estimated: `4055`
		// Minimum execution time: 11_424_000 picoseconds.
		Weight::from_parts(13_408_000, 4055)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn apply() -> Weight {
		Weight::from_parts(141_715_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn withdraw_application() -> Weight {
		Weight::from_parts(106_872_000, 3761)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn admit(a: u32, ) -> Weight {
		Weight::from_parts(69_555_148, 4687)
			.saturating_add(Weight::from_parts(390_290, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	fn reject() -> Weight {
		Weight::from_parts(106_562_000, 3761)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn suspend(a: u32, ) -> Weight {
		Weight::from_parts(45_804_920, 4687)
			.saturating_add(Weight::from_parts(346_333, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	fn reinstate(a: u32, ) -> Weight {
		Weight::from_parts(47_020_023, 4687)
			.saturating_add(Weight::from_parts(368_913, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	fn expel(a: u32, p: u32, ) -> Weight {
		Weight::from_parts(1_236_892_416, 11707)
			.saturating_add(Weight::from_parts(7_787_970, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 33).saturating_mul(p.into()))
	}
	fn retire(a: u32, p: u32, ) -> Weight {
		Weight::from_parts(155_465_661, 11707)
			.saturating_add(Weight::from_parts(476_982, 0).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(7_757_706, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 33).saturating_mul(p.into()))
	}
	fn set_endpoint() -> Weight {
		Weight::from_parts(111_382_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn rotate_encryption_key() -> Weight {
		Weight::from_parts(29_888_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn add_practitioner(p: u32, ) -> Weight {
		Weight::from_parts(65_870_330, 11707)
			.saturating_add(Weight::from_parts(133_525, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn remove_practitioner(p: u32, ) -> Weight {
		Weight::from_parts(43_745_228, 11707)
			.saturating_add(Weight::from_parts(107_148, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn leave_provider(p: u32, ) -> Weight {
		Weight::from_parts(44_380_935, 11707)
			.saturating_add(Weight::from_parts(107_590, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn is_active_provider() -> Weight {
		Weight::from_parts(13_408_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
}
