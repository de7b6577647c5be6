
//! Weights for `pallet_providers`, measured by the node's `benchmark pallet` command.
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
//! /work/main/pallets/providers/src/weights.rs

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
	fn offer_employment(p: u32, ) -> Weight;
	fn accept_employment(p: u32, ) -> Weight;
	fn withdraw_employment_offer(p: u32, ) -> Weight;
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn apply() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `310`
		//  Estimated: `4055`
		// Minimum execution time: 86_614_000 picoseconds.
		Weight::from_parts(98_706_000, 4055)
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::Applications` (r:1 w:1)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn withdraw_application() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `618`
		//  Estimated: `3761`
		// Minimum execution time: 70_268_000 picoseconds.
		Weight::from_parts(78_930_000, 3761)
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
		//  Measured:  `846 + a * (36 ±0)`
		//  Estimated: `4687 + a * (37 ±0)`
		// Minimum execution time: 42_944_000 picoseconds.
		Weight::from_parts(47_745_748, 4687)
			.saturating_add(Weight::from_parts(326_891, 0).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	/// Storage: `Providers::Applications` (r:1 w:1)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn reject() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `618`
		//  Estimated: `3761`
		// Minimum execution time: 69_028_000 picoseconds.
		Weight::from_parts(76_075_000, 3761)
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
		//  Measured:  `775 + a * (36 ±0)`
		//  Estimated: `4687 + a * (37 ±0)`
		// Minimum execution time: 28_082_000 picoseconds.
		Weight::from_parts(32_281_990, 4687)
			.saturating_add(Weight::from_parts(279_825, 0).saturating_mul(a.into()))
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
		//  Measured:  `743 + a * (36 ±0)`
		//  Estimated: `4687 + a * (37 ±0)`
		// Minimum execution time: 28_050_000 picoseconds.
		Weight::from_parts(32_004_736, 4687)
			.saturating_add(Weight::from_parts(290_486, 0).saturating_mul(a.into()))
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Providers::EmploymentOffers` (r:0 w:1)
	/// Proof: `Providers::EmploymentOffers` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
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
		//  Measured:  `1393 + a * (42 ±0) + p * (32 ±0)`
		//  Estimated: `11707 + a * (40 ±1) + p * (33 ±0)`
		// Minimum execution time: 113_390_000 picoseconds.
		Weight::from_parts(57_292_035, 11707)
			.saturating_add(Weight::from_parts(614_522, 0).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(5_275_663, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
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
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Providers::EmploymentOffers` (r:0 w:1)
	/// Proof: `Providers::EmploymentOffers` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
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
		//  Measured:  `1393 + a * (42 ±0) + p * (32 ±0)`
		//  Estimated: `11707 + a * (40 ±1) + p * (33 ±0)`
		// Minimum execution time: 132_299_000 picoseconds.
		Weight::from_parts(100_379_549, 11707)
			.saturating_add(Weight::from_parts(284_127, 0).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(5_341_213, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 33).saturating_mul(p.into()))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	fn set_endpoint() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `604`
		//  Estimated: `4055`
		// Minimum execution time: 71_400_000 picoseconds.
		Weight::from_parts(75_446_000, 4055)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:1)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	fn rotate_encryption_key() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `734`
		//  Estimated: `4055`
		// Minimum execution time: 18_918_000 picoseconds.
		Weight::from_parts(20_650_000, 4055)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Applications` (r:1 w:0)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::EmploymentOffers` (r:1 w:1)
	/// Proof: `Providers::EmploymentOffers` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[0, 255]`.
	fn offer_employment(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `545 + p * (36 ±0)`
		//  Estimated: `12731`
		// Minimum execution time: 32_364_000 picoseconds.
		Weight::from_parts(38_092_551, 12731)
			.saturating_add(Weight::from_parts(49_977, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Providers::EmploymentOffers` (r:1 w:1)
	/// Proof: `Providers::EmploymentOffers` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Applications` (r:1 w:0)
	/// Proof: `Providers::Applications` (`max_values`: None, `max_size`: Some(296), added: 2771, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:1)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Practitioners` (r:1 w:1)
	/// Proof: `Providers::Practitioners` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[0, 255]`.
	fn accept_employment(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `10333 + p * (34 ±0)`
		//  Estimated: `12731`
		// Minimum execution time: 57_004_000 picoseconds.
		Weight::from_parts(68_548_184, 12731)
			.saturating_add(Weight::from_parts(101_285, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Providers::EmploymentOffers` (r:1 w:1)
	/// Proof: `Providers::EmploymentOffers` (`max_values`: None, `max_size`: Some(9266), added: 11741, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[1, 256]`.
	fn withdraw_employment_offer(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `190 + p * (36 ±0)`
		//  Estimated: `12731`
		// Minimum execution time: 19_703_000 picoseconds.
		Weight::from_parts(22_213_692, 12731)
			.saturating_add(Weight::from_parts(47_745, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Providers::Employers` (r:1 w:1)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Practitioners` (r:1 w:1)
	/// Proof: `Providers::Practitioners` (`max_values`: None, `max_size`: Some(8242), added: 10717, mode: `MaxEncodedLen`)
	/// The range of component `p` is `[1, 256]`.
	fn remove_practitioner(p: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `758 + p * (33 ±0)`
		//  Estimated: `11707`
		// Minimum execution time: 25_462_000 picoseconds.
		Weight::from_parts(32_543_254, 11707)
			.saturating_add(Weight::from_parts(90_788, 0).saturating_mul(p.into()))
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
		//  Measured:  `758 + p * (33 ±0)`
		//  Estimated: `11707`
		// Minimum execution time: 25_265_000 picoseconds.
		Weight::from_parts(32_459_311, 11707)
			.saturating_add(Weight::from_parts(86_516, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	fn is_active_provider() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `446`
		//  Estimated: `4055`
		// Minimum execution time: 11_131_000 picoseconds.
		Weight::from_parts(12_083_000, 4055)
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn apply() -> Weight {
		Weight::from_parts(98_706_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn withdraw_application() -> Weight {
		Weight::from_parts(78_930_000, 3761)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn admit(a: u32, ) -> Weight {
		Weight::from_parts(47_745_748, 4687)
			.saturating_add(Weight::from_parts(326_891, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	fn reject() -> Weight {
		Weight::from_parts(76_075_000, 3761)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn suspend(a: u32, ) -> Weight {
		Weight::from_parts(32_281_990, 4687)
			.saturating_add(Weight::from_parts(279_825, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	fn reinstate(a: u32, ) -> Weight {
		Weight::from_parts(32_004_736, 4687)
			.saturating_add(Weight::from_parts(290_486, 0).saturating_mul(a.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
			.saturating_add(Weight::from_parts(0, 37).saturating_mul(a.into()))
	}
	fn expel(a: u32, p: u32, ) -> Weight {
		Weight::from_parts(57_292_035, 11707)
			.saturating_add(Weight::from_parts(614_522, 0).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(5_275_663, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(9_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 33).saturating_mul(p.into()))
	}
	fn retire(a: u32, p: u32, ) -> Weight {
		Weight::from_parts(100_379_549, 11707)
			.saturating_add(Weight::from_parts(284_127, 0).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(5_341_213, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(9_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(p.into())))
			.saturating_add(Weight::from_parts(0, 40).saturating_mul(a.into()))
			.saturating_add(Weight::from_parts(0, 33).saturating_mul(p.into()))
	}
	fn set_endpoint() -> Weight {
		Weight::from_parts(75_446_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn rotate_encryption_key() -> Weight {
		Weight::from_parts(20_650_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn offer_employment(p: u32, ) -> Weight {
		Weight::from_parts(38_092_551, 12731)
			.saturating_add(Weight::from_parts(49_977, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn accept_employment(p: u32, ) -> Weight {
		Weight::from_parts(68_548_184, 12731)
			.saturating_add(Weight::from_parts(101_285, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn withdraw_employment_offer(p: u32, ) -> Weight {
		Weight::from_parts(22_213_692, 12731)
			.saturating_add(Weight::from_parts(47_745, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn remove_practitioner(p: u32, ) -> Weight {
		Weight::from_parts(32_543_254, 11707)
			.saturating_add(Weight::from_parts(90_788, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn leave_provider(p: u32, ) -> Weight {
		Weight::from_parts(32_459_311, 11707)
			.saturating_add(Weight::from_parts(86_516, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn is_active_provider() -> Weight {
		Weight::from_parts(12_083_000, 4055)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
}
