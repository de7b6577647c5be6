
//! Weights for `pallet_consent`, measured by the node's `benchmark pallet` command.
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
//! pallet_consent
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
//! /work/main/pallets/consent/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_consent`.
pub trait WeightInfo {
	fn grant(g: u32, ) -> Weight;
	fn revoke(g: u32, ) -> Weight;
	fn revoke_all(g: u32, ) -> Weight;
	fn inquire(q: u32, ) -> Weight;
	fn answer_inquiry(q: u32, g: u32, ) -> Weight;
	fn withdraw_inquiry(q: u32, ) -> Weight;
	fn reap_inquiry(q: u32, ) -> Weight;
	fn open_emergency_access(g: u32, ) -> Weight;
	fn flag_emergency_access() -> Weight;
}

/// Weights for `pallet_consent` in a runtime whose database weights are `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Consent::FeelessUse` (r:1 w:1)
	/// Proof: `Consent::FeelessUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextGrantId` (r:1 w:1)
	/// Proof: `Consent::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:0 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(143), added: 2618, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[0, 16]`.
	fn grant(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `637 + g * (17 ±0)`
		//  Estimated: `4055`
		// Minimum execution time: 65_753_000 picoseconds.
		Weight::from_parts(96_023_541, 4055)
			.saturating_add(Weight::from_parts(1_086_685, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Consent::Grants` (r:1 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(143), added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Consent::FeelessUse` (r:1 w:1)
	/// Proof: `Consent::FeelessUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[1, 16]`.
	fn revoke(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `597 + g * (36 ±0)`
		//  Estimated: `3834`
		// Minimum execution time: 62_751_000 picoseconds.
		Weight::from_parts(113_637_031, 3834)
			.saturating_add(Weight::from_parts(1_125_712, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Consent::FeelessUse` (r:1 w:1)
	/// Proof: `Consent::FeelessUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:16 w:16)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(143), added: 2618, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[1, 16]`.
	fn revoke_all(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `535 + g * (65 ±0)`
		//  Estimated: `3834 + g * (2618 ±0)`
		// Minimum execution time: 61_682_000 picoseconds.
		Weight::from_parts(92_730_582, 3834)
			.saturating_add(Weight::from_parts(23_743_156, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(g.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(g.into())))
			.saturating_add(Weight::from_parts(0, 2618).saturating_mul(g.into()))
	}
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextInquiryId` (r:1 w:1)
	/// Proof: `Consent::NextInquiryId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Inquiries` (r:1 w:2)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[0, 32]`.
	fn inquire(q: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `528 + q * (32 ±0)`
		//  Estimated: `3770 + q * (23 ±5)`
		// Minimum execution time: 141_388_000 picoseconds.
		Weight::from_parts(218_282_851, 3770)
			.saturating_add(Weight::from_parts(4_059_544, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(6_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 23).saturating_mul(q.into()))
	}
	/// Storage: `Consent::Inquiries` (r:1 w:1)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Consent::FeelessUse` (r:1 w:1)
	/// Proof: `Consent::FeelessUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextGrantId` (r:1 w:1)
	/// Proof: `Consent::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:0 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(143), added: 2618, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[1, 32]`.
	/// The range of component `g` is `[0, 15]`.
	fn answer_inquiry(q: u32, g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2208 + g * (13 ±0) + q * (40 ±0)`
		//  Estimated: `4600`
		// Minimum execution time: 195_859_000 picoseconds.
		Weight::from_parts(300_621_017, 4600)
			.saturating_add(Weight::from_parts(1_345_361, 0).saturating_mul(q.into()))
			.saturating_add(Weight::from_parts(395_440, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(8_u64))
	}
	/// Storage: `Consent::Inquiries` (r:1 w:1)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[1, 32]`.
	fn withdraw_inquiry(q: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1644 + q * (41 ±0)`
		//  Estimated: `4600`
		// Minimum execution time: 118_763_000 picoseconds.
		Weight::from_parts(143_123_534, 4600)
			.saturating_add(Weight::from_parts(1_417_661, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Consent::Inquiries` (r:1 w:1)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[1, 32]`.
	fn reap_inquiry(q: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1644 + q * (41 ±0)`
		//  Estimated: `4600`
		// Minimum execution time: 118_904_000 picoseconds.
		Weight::from_parts(182_288_300, 4600)
			.saturating_add(Weight::from_parts(2_001_138, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Providers::Employers` (r:1 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::EmergencyUse` (r:1 w:1)
	/// Proof: `Consent::EmergencyUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextGrantId` (r:1 w:1)
	/// Proof: `Consent::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:0 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(143), added: 2618, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[0, 16]`.
	fn open_emergency_access(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `792 + g * (17 ±0)`
		//  Estimated: `4055`
		// Minimum execution time: 79_345_000 picoseconds.
		Weight::from_parts(160_729_591, 4055)
			.saturating_add(Weight::from_parts(1_028_419, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(7_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Consent::Grants` (r:1 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(143), added: 2618, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Consent::FeelessUse` (r:1 w:1)
	/// Proof: `Consent::FeelessUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	fn flag_emergency_access() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `488`
		//  Estimated: `3608`
		// Minimum execution time: 45_132_000 picoseconds.
		Weight::from_parts(90_378_000, 3608)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn grant(g: u32, ) -> Weight {
		Weight::from_parts(96_023_541, 4055)
			.saturating_add(Weight::from_parts(1_086_685, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn revoke(g: u32, ) -> Weight {
		Weight::from_parts(113_637_031, 3834)
			.saturating_add(Weight::from_parts(1_125_712, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn revoke_all(g: u32, ) -> Weight {
		Weight::from_parts(92_730_582, 3834)
			.saturating_add(Weight::from_parts(23_743_156, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(g.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(g.into())))
			.saturating_add(Weight::from_parts(0, 2618).saturating_mul(g.into()))
	}
	fn inquire(q: u32, ) -> Weight {
		Weight::from_parts(218_282_851, 3770)
			.saturating_add(Weight::from_parts(4_059_544, 0).saturating_mul(q.into()))
			.saturating_add(ParityDbWeight::get().reads(6_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
			.saturating_add(Weight::from_parts(0, 23).saturating_mul(q.into()))
	}
	fn answer_inquiry(q: u32, g: u32, ) -> Weight {
		Weight::from_parts(300_621_017, 4600)
			.saturating_add(Weight::from_parts(1_345_361, 0).saturating_mul(q.into()))
			.saturating_add(Weight::from_parts(395_440, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(8_u64))
	}
	fn withdraw_inquiry(q: u32, ) -> Weight {
		Weight::from_parts(143_123_534, 4600)
			.saturating_add(Weight::from_parts(1_417_661, 0).saturating_mul(q.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn reap_inquiry(q: u32, ) -> Weight {
		Weight::from_parts(182_288_300, 4600)
			.saturating_add(Weight::from_parts(2_001_138, 0).saturating_mul(q.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn open_emergency_access(g: u32, ) -> Weight {
		Weight::from_parts(160_729_591, 4055)
			.saturating_add(Weight::from_parts(1_028_419, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(7_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn flag_emergency_access() -> Weight {
		Weight::from_parts(90_378_000, 3608)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
}
