
//! Weights for `pallet_code_approval`, measured by the node's `benchmark pallet` command.
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
//! pallet_code_approval
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
//! pallets/code-approval/src/weights.rs

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

/// Weights for `pallet_code_approval` in a runtime whose database weights are `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `CodeApproval::Approved` (r:1 w:1)
	/// Proof: `CodeApproval::Approved` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn approve() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `42`
		//  Estimated: `3501`
		// Minimum execution time: 17_389_000 picoseconds.
		Weight::from_parts(18_697_000, 3501)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `CodeApproval::Approved` (r:1 w:1)
	/// Proof: `CodeApproval::Approved` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	fn withdraw() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `103`
		//  Estimated: `3501`
		// Minimum execution time: 17_112_000 picoseconds.
		Weight::from_parts(18_774_000, 3501)
			.saturating_add(T::DbWeight::get().reads(1_u64))
			.saturating_add(T::DbWeight::get().writes(1_u64))
	}
	/// Storage: `CodeApproval::Approved` (r:1 w:0)
	/// Proof: `CodeApproval::Approved` (`max_values`: None, `max_size`: Some(36), added: 2511, mode: `MaxEncodedLen`)
	/// The range of component `c` is `[0, 125952]`.
	fn upload_check(c: u32, ) -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `103`
		//  Estimated: `3501`
		// Minimum execution time: 8_922_000 picoseconds.
		Weight::from_parts(9_705_748, 3501)
			.saturating_add(Weight::from_parts(938, 0).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().reads(1_u64))
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn approve() -> Weight {
		Weight::from_parts(18_697_000, 3501)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn withdraw() -> Weight {
		Weight::from_parts(18_774_000, 3501)
			.saturating_add(ParityDbWeight::get().reads(1_u64))
			.saturating_add(ParityDbWeight::get().writes(1_u64))
	}
	fn upload_check(c: u32, ) -> Weight {
		Weight::from_parts(9_705_748, 3501)
			.saturating_add(Weight::from_parts(938, 0).saturating_mul(c.into()))
			.saturating_add(ParityDbWeight::get().reads(1_u64))
	}
}
