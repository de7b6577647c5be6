
//! Weights for `pallet_consent`, measured by the node's `benchmark pallet` command.
//!
//! Generated with the Substrate benchmark CLI 64.0.0 on 2026-11-23: do not edit by hand.
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
	fn sweep(l: u32, ) -> Weight;
	fn revoke(g: u32, ) -> Weight;
	fn revoke_all(g: u32, ) -> Weight;
	fn inquire(q: u32, ) -> Weight;
	fn answer_inquiry(q: u32, g: u32, ) -> Weight;
	fn withdraw_inquiry(q: u32, ) -> Weight;
	fn reap_inquiry(q: u32, ) -> Weight;
	fn open_emergency_access(g: u32, ) -> Weight;
	fn flag_emergency_access() -> Weight;
	fn block_requester() -> Weight;
	fn unblock_requester() -> Weight;
	fn access_decision() -> Weight;
	fn grant_valid_at() -> Weight;
}

/// Weights for `pallet_consent` in a runtime whose database weights are `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:2 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextGrantId` (r:1 w:1)
	/// Proof: `Consent::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::LiveGrantCount` (r:1 w:1)
	/// Proof: `Consent::LiveGrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:0 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[0, 16]`.
	fn grant(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `788 + g * (17 ±0)`
		//  Estimated: `6100`
		// Minimum execution time: 65_301_000 picoseconds.
		Weight::from_parts(75_565_013, 6100)
			.saturating_add(Weight::from_parts(492_352, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(9_u64))
			.saturating_add(T::DbWeight::get().writes(4_u64))
	}
	/// Storage: `Consent::GrantIndex` (r:257 w:256)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::LiveGrantCount` (r:1 w:1)
	/// Proof: `Consent::LiveGrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `l` is `[1, 256]`.
	fn sweep(l: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `286 + l * (329 ±0)`
		//  Estimated: `3834 + l * (2844 ±0)`
		// Minimum execution time: 37_105_000 picoseconds.
		Weight::from_parts(38_762_000, 3834)
			.saturating_add(Weight::from_parts(16_999_564, 0).saturating_mul(l.into()))
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(l.into())))
			.saturating_add(T::DbWeight::get().writes(1_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(l.into())))
			.saturating_add(Weight::from_parts(0, 2844).saturating_mul(l.into()))
	}
	/// Storage: `Consent::Grants` (r:1 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::LiveGrantCount` (r:1 w:1)
	/// Proof: `Consent::LiveGrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[1, 16]`.
	fn revoke(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `681 + g * (36 ±0)`
		//  Estimated: `3834`
		// Minimum execution time: 48_480_000 picoseconds.
		Weight::from_parts(53_849_833, 3834)
			.saturating_add(Weight::from_parts(316_113, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(4_u64))
			.saturating_add(T::DbWeight::get().writes(3_u64))
	}
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::LiveGrantCount` (r:1 w:1)
	/// Proof: `Consent::LiveGrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:16 w:16)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[1, 16]`.
	fn revoke_all(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `619 + g * (65 ±0)`
		//  Estimated: `3834 + g * (2650 ±0)`
		// Minimum execution time: 48_987_000 picoseconds.
		Weight::from_parts(44_732_881, 3834)
			.saturating_add(Weight::from_parts(11_205_147, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().reads((1_u64).saturating_mul(g.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64))
			.saturating_add(T::DbWeight::get().writes((1_u64).saturating_mul(g.into())))
			.saturating_add(Weight::from_parts(0, 2650).saturating_mul(g.into()))
	}
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Blocked` (r:1 w:0)
	/// Proof: `Consent::Blocked` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextInquiryId` (r:1 w:1)
	/// Proof: `Consent::NextInquiryId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Inquiries` (r:1 w:2)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:2 w:2)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:2 w:2)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingPerRequester` (r:2 w:2)
	/// Proof: `Consent::PendingPerRequester` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[0, 32]`.
	fn inquire(q: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `582 + q * (52 ±0)`
		//  Estimated: `3770 + q * (24 ±4)`
		// Minimum execution time: 115_584_000 picoseconds.
		Weight::from_parts(121_234_114, 3770)
			.saturating_add(Weight::from_parts(1_911_741, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(8_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 24).saturating_mul(q.into()))
	}
	/// Storage: `Consent::Inquiries` (r:1 w:1)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:2 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:1 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextGrantId` (r:1 w:1)
	/// Proof: `Consent::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::LiveGrantCount` (r:1 w:1)
	/// Proof: `Consent::LiveGrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingPerRequester` (r:1 w:1)
	/// Proof: `Consent::PendingPerRequester` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:0 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[1, 32]`.
	/// The range of component `g` is `[0, 15]`.
	fn answer_inquiry(q: u32, g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `2493 + g * (13 ±0) + q * (56 ±0)`
		//  Estimated: `6100`
		// Minimum execution time: 164_482_000 picoseconds.
		Weight::from_parts(179_981_737, 6100)
			.saturating_add(Weight::from_parts(925_588, 0).saturating_mul(q.into()))
			.saturating_add(Weight::from_parts(440_019, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(14_u64))
			.saturating_add(T::DbWeight::get().writes(9_u64))
	}
	/// Storage: `Consent::Inquiries` (r:1 w:1)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingPerRequester` (r:1 w:1)
	/// Proof: `Consent::PendingPerRequester` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[1, 32]`.
	fn withdraw_inquiry(q: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1788 + q * (57 ±0)`
		//  Estimated: `4600`
		// Minimum execution time: 99_124_000 picoseconds.
		Weight::from_parts(110_245_915, 4600)
			.saturating_add(Weight::from_parts(884_358, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Consent::Inquiries` (r:1 w:1)
	/// Proof: `Consent::Inquiries` (`max_values`: None, `max_size`: Some(1135), added: 3610, mode: `MaxEncodedLen`)
	/// Storage: `System::Account` (r:1 w:1)
	/// Proof: `System::Account` (`max_values`: None, `max_size`: Some(128), added: 2603, mode: `MaxEncodedLen`)
	/// Storage: `Balances::Holds` (r:1 w:1)
	/// Proof: `Balances::Holds` (`max_values`: None, `max_size`: Some(211), added: 2686, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingInquiries` (r:1 w:1)
	/// Proof: `Consent::PendingInquiries` (`max_values`: None, `max_size`: Some(305), added: 2780, mode: `MaxEncodedLen`)
	/// Storage: `Consent::PendingPerRequester` (r:1 w:1)
	/// Proof: `Consent::PendingPerRequester` (`max_values`: None, `max_size`: Some(100), added: 2575, mode: `MaxEncodedLen`)
	/// The range of component `q` is `[1, 32]`.
	fn reap_inquiry(q: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `1786 + q * (58 ±0)`
		//  Estimated: `4600`
		// Minimum execution time: 98_256_000 picoseconds.
		Weight::from_parts(111_929_226, 4600)
			.saturating_add(Weight::from_parts(746_404, 0).saturating_mul(q.into()))
			.saturating_add(T::DbWeight::get().reads(5_u64))
			.saturating_add(T::DbWeight::get().writes(5_u64))
	}
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::EmergencyUse` (r:1 w:1)
	/// Proof: `Consent::EmergencyUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Consent::ProviderEmergencyUse` (r:1 w:1)
	/// Proof: `Consent::ProviderEmergencyUse` (`max_values`: None, `max_size`: Some(56), added: 2531, mode: `MaxEncodedLen`)
	/// Storage: `Consent::NextGrantId` (r:1 w:1)
	/// Proof: `Consent::NextGrantId` (`max_values`: Some(1), `max_size`: Some(8), added: 503, mode: `MaxEncodedLen`)
	/// Storage: `Consent::LiveGrantCount` (r:1 w:1)
	/// Proof: `Consent::LiveGrantCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:1 w:1)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:0 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// The range of component `g` is `[0, 16]`.
	fn open_emergency_access(g: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `833 + g * (17 ±0)`
		//  Estimated: `7120`
		// Minimum execution time: 69_619_000 picoseconds.
		Weight::from_parts(83_168_751, 7120)
			.saturating_add(Weight::from_parts(514_041, 0).saturating_mul(g.into()))
			.saturating_add(T::DbWeight::get().reads(10_u64))
			.saturating_add(T::DbWeight::get().writes(6_u64))
	}
	/// Storage: `Consent::Grants` (r:1 w:1)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	fn flag_emergency_access() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `674`
		//  Estimated: `3640`
		// Minimum execution time: 30_323_000 picoseconds.
		Weight::from_parts(34_567_000, 3640)
			.saturating_add(T::DbWeight::get().reads(2_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Blocked` (r:1 w:1)
	/// Proof: `Consent::Blocked` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Consent::BlockedCount` (r:1 w:1)
	/// Proof: `Consent::BlockedCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn block_requester() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `315`
		//  Estimated: `3600`
		// Minimum execution time: 33_150_000 picoseconds.
		Weight::from_parts(38_266_000, 3600)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Blocked` (r:1 w:1)
	/// Proof: `Consent::Blocked` (`max_values`: None, `max_size`: Some(96), added: 2571, mode: `MaxEncodedLen`)
	/// Storage: `Consent::BlockedCount` (r:1 w:1)
	/// Proof: `Consent::BlockedCount` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	fn unblock_requester() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `511`
		//  Estimated: `3600`
		// Minimum execution time: 36_856_000 picoseconds.
		Weight::from_parts(41_904_000, 3600)
			.saturating_add(T::DbWeight::get().reads(3_u64))
			.saturating_add(T::DbWeight::get().writes(2_u64))
	}
	/// Storage: `Patients::Patients` (r:1 w:0)
	/// Proof: `Patients::Patients` (`max_values`: None, `max_size`: Some(140), added: 2615, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Epochs` (r:1 w:0)
	/// Proof: `Patients::Epochs` (`max_values`: None, `max_size`: Some(52), added: 2527, mode: `MaxEncodedLen`)
	/// Storage: `Patients::Representatives` (r:1 w:0)
	/// Proof: `Patients::Representatives` (`max_values`: None, `max_size`: Some(135), added: 2610, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Providers` (r:2 w:0)
	/// Proof: `Providers::Providers` (`max_values`: None, `max_size`: Some(590), added: 3065, mode: `MaxEncodedLen`)
	/// Storage: `Providers::Employers` (r:1 w:0)
	/// Proof: `Providers::Employers` (`max_values`: None, `max_size`: Some(80), added: 2555, mode: `MaxEncodedLen`)
	/// Storage: `Consent::GrantIndex` (r:2 w:0)
	/// Proof: `Consent::GrantIndex` (`max_values`: None, `max_size`: Some(369), added: 2844, mode: `MaxEncodedLen`)
	/// Storage: `Consent::Grants` (r:32 w:0)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	fn access_decision() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `3181`
		//  Estimated: `85790`
		// Minimum execution time: 212_825_000 picoseconds.
		Weight::from_parts(227_851_000, 85790)
			.saturating_add(T::DbWeight::get().reads(40_u64))
	}
	/// Storage: `Consent::Grants` (r:1 w:0)
	/// Proof: `Consent::Grants` (`max_values`: None, `max_size`: Some(175), added: 2650, mode: `MaxEncodedLen`)
	/// Storage: `Patients::EpochEnds` (r:1 w:0)
	/// Proof: `Patients::EpochEnds` (`max_values`: None, `max_size`: Some(64), added: 2539, mode: `MaxEncodedLen`)
	fn grant_valid_at() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `384`
		//  Estimated: `3640`
		// Minimum execution time: 18_259_000 picoseconds.
		Weight::from_parts(20_160_000, 3640)
			.saturating_add(T::DbWeight::get().reads(2_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn grant(g: u32, ) -> Weight {
		Weight::from_parts(75_565_013, 6100)
			.saturating_add(Weight::from_parts(492_352, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(9_u64))
			.saturating_add(ParityDbWeight::get().writes(4_u64))
	}
	fn sweep(l: u32, ) -> Weight {
		Weight::from_parts(38_762_000, 3834)
			.saturating_add(Weight::from_parts(16_999_564, 0).saturating_mul(l.into()))
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(l.into())))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(l.into())))
			.saturating_add(Weight::from_parts(0, 2844).saturating_mul(l.into()))
	}
	fn revoke(g: u32, ) -> Weight {
		Weight::from_parts(53_849_833, 3834)
			.saturating_add(Weight::from_parts(316_113, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(4_u64))
			.saturating_add(ParityDbWeight::get().writes(3_u64))
	}
	fn revoke_all(g: u32, ) -> Weight {
		Weight::from_parts(44_732_881, 3834)
			.saturating_add(Weight::from_parts(11_205_147, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().reads((1_u64).saturating_mul(g.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
			.saturating_add(ParityDbWeight::get().writes((1_u64).saturating_mul(g.into())))
			.saturating_add(Weight::from_parts(0, 2650).saturating_mul(g.into()))
	}
	fn inquire(q: u32, ) -> Weight {
		Weight::from_parts(121_234_114, 3770)
			.saturating_add(Weight::from_parts(1_911_741, 0).saturating_mul(q.into()))
			.saturating_add(ParityDbWeight::get().reads(8_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
			.saturating_add(Weight::from_parts(0, 24).saturating_mul(q.into()))
	}
	fn answer_inquiry(q: u32, g: u32, ) -> Weight {
		Weight::from_parts(179_981_737, 6100)
			.saturating_add(Weight::from_parts(925_588, 0).saturating_mul(q.into()))
			.saturating_add(Weight::from_parts(440_019, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(14_u64))
			.saturating_add(ParityDbWeight::get().writes(9_u64))
	}
	fn withdraw_inquiry(q: u32, ) -> Weight {
		Weight::from_parts(110_245_915, 4600)
			.saturating_add(Weight::from_parts(884_358, 0).saturating_mul(q.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn reap_inquiry(q: u32, ) -> Weight {
		Weight::from_parts(111_929_226, 4600)
			.saturating_add(Weight::from_parts(746_404, 0).saturating_mul(q.into()))
			.saturating_add(ParityDbWeight::get().reads(5_u64))
			.saturating_add(ParityDbWeight::get().writes(5_u64))
	}
	fn open_emergency_access(g: u32, ) -> Weight {
		Weight::from_parts(83_168_751, 7120)
			.saturating_add(Weight::from_parts(514_041, 0).saturating_mul(g.into()))
			.saturating_add(ParityDbWeight::get().reads(10_u64))
			.saturating_add(ParityDbWeight::get().writes(6_u64))
	}
	fn flag_emergency_access() -> Weight {
		Weight::from_parts(34_567_000, 3640)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn block_requester() -> Weight {
		Weight::from_parts(38_266_000, 3600)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn unblock_requester() -> Weight {
		Weight::from_parts(41_904_000, 3600)
			.saturating_add(ParityDbWeight::get().reads(3_u64))
			.saturating_add(ParityDbWeight::get().writes(2_u64))
	}
	fn access_decision() -> Weight {
		Weight::from_parts(227_851_000, 85790)
			.saturating_add(ParityDbWeight::get().reads(40_u64))
	}
	fn grant_valid_at() -> Weight {
		Weight::from_parts(20_160_000, 3640)
			.saturating_add(ParityDbWeight::get().reads(2_u64))
	}
}
