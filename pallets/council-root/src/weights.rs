
//! Weights for `pallet_council_root`, measured by the node's `benchmark pallet` command.
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
//! pallet_council_root
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
//! pallets/council-root/src/weights.rs

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_council_root`.
pub trait WeightInfo {
	fn dispatch() -> Weight;
}

/// Weights for `pallet_council_root` in a runtime whose database weights are `T::DbWeight`.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn dispatch() -> Weight {
		// Proof Size summary in bytes:
		//  Measured:  `0`
		//  Estimated: `0`
		// Minimum execution time: 13_562_000 picoseconds.
		Weight::from_parts(15_125_000, 0)
	}
}

/// The same weights with ParityDB's database costs, for tests and runtimes without their own.
impl WeightInfo for () {
	fn dispatch() -> Weight {
		Weight::from_parts(15_125_000, 0)
	}
}
