//! # MedLedger ink!
//!
//! The one dependency of an ink! 5.1 contract that builds on patients' consent on MedLedger.
//!
//! - [`types`]: SCALE mirrors of the chain's medical types (`medledger-primitives`), encoding
//!   byte for byte as the runtime's: [`CategorySet`], [`RecordCategory`], [`LabelSet`],
//!   [`Purpose`], [`Denial`], [`AccessDecision`], [`RecordFacts`] and the identifiers.
//! - [`ConsentExtension`]: the consent chain extension (`docs/contracts.md`), through which a
//!   contract asks the chain for the access decision, a record's facts, whether an account is
//!   a patient or an active provider, and whether a grant was in force at a block.
//! - [`MedLedgerEnvironment`]: the chain's [`ink::env::Environment`]; a contract names it with
//!   `#[ink::contract(env = medledger_ink::MedLedgerEnvironment)]` and then calls the extension
//!   as `self.env().extension().access_decision(..)`.
//! - `testing` (with the `std` feature): `MockChain`, a small model of the chain's consent
//!   for off-chain unit tests.
//!
//! The mirrors are copies, not imports: contracts build against ink!'s codec crates, the
//! runtime against polkadot-sdk's. The tests of [`types`] pin the encodings so that a change
//! on either side shows, and `tests/encodings.rs` checks every type against `encodings.txt`,
//! the fixture the runtime's `runtime/tests/ink_encodings.rs` checks the chain's types against.

#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
#![warn(missing_docs)]
// The chain extension macro gives each function a `self` receiver, which clippy's naming rule
// for `is_*` wants to be a reference; the names follow the chain's function table.
#![allow(clippy::wrong_self_convention)]

mod environment;
// The SCALE derives of enums with data cast a variant's index to `u8`, which the cast lints
// that `cargo contract` turns on refuse; the indexes are a handful, so nothing truncates.
#[allow(clippy::cast_possible_truncation)]
mod extension;
#[allow(clippy::cast_possible_truncation)]
pub mod types;

#[cfg(feature = "std")]
pub mod testing;

pub use environment::MedLedgerEnvironment;
pub use extension::{function, ConsentExtension, ConsentExtensionError, EXTENSION_ID};
pub use types::{
	categories_of_record, AccessDecision, CategorySet, Denial, GrantId, LabelSet, Purpose,
	RecordCategory, RecordFacts, RecordId, SensitivityLabel,
};
