//! # MedLedger primitives
//!
//! The small vocabulary every MedLedger pallet, the runtime and the clients share: the key types
//! of the medical domain, the status of a provider, and the traits through which one pallet asks
//! another about providers and practitioners without depending on its crate.
//!
//! Keep this crate small: types land here only when two crates need the same word.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// An x25519 public key to which data for its owner is sealed.
///
/// Clinics publish one so that patients and other clinics can encrypt to them; a key is never a
/// signing key, and it is versioned so that data sealed to an older key can still be traced.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub struct EncryptionKey(pub [u8; 32]);

/// The version of a provider's encryption key: 0 for the key it applied with, one more at each
/// rotation.
pub type KeyVersion = u32;

/// Where a registered provider stands with the council.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Debug,
)]
pub enum ProviderStatus {
	/// Admitted and in good standing: sits on the council, may validate, and its grants work.
	Active,
	/// Suspended by the council: off the council and the validator set, and grants to it do not
	/// work, until the council reinstates it.
	Suspended,
}

/// What other pallets may ask of the provider registry.
///
/// The consent and records pallets use it to decide whether a clinic or one of its staff may act,
/// so every answer is a single storage read.
pub trait ProviderRegistry<AccountId> {
	/// The status of `who` if it is a registered provider.
	fn status(who: &AccountId) -> Option<ProviderStatus>;

	/// Whether `who` is a provider in good standing.
	fn is_active(who: &AccountId) -> bool {
		Self::status(who) == Some(ProviderStatus::Active)
	}

	/// The provider that `practitioner` works for, if any.
	fn employer(practitioner: &AccountId) -> Option<AccountId>;
}
