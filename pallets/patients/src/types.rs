//! The records the patient registry keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use medledger_primitives::{EncryptionKey, KeyVersion, RepresentativeScope};
use scale_info::TypeInfo;
use sp_core::H256;

/// A registered patient.
#[derive(Clone, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo, Debug)]
pub struct PatientInfo<AccountId, Balance, BlockNumber> {
	/// The x25519 key that data for the patient is sealed to.
	pub encryption_key: EncryptionKey,
	/// The version of `encryption_key`: 0 at registration, one more at each rotation.
	pub key_version: KeyVersion,
	/// Who holds the deposit: the patient, or the provider that sponsored the registration.
	pub depositor: AccountId,
	/// The deposit held from `depositor`.
	pub deposit: Balance,
	/// When the patient registered.
	pub registered_at: BlockNumber,
	/// How many representatives the patient has.
	pub representatives: u32,
}

/// Who appointed a representative.
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
pub enum Appointer {
	/// The patient.
	Patient,
	/// The law, through the governance origin (a court order, a statutory guardian).
	Law,
}

/// A representative's standing for one patient.
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
pub struct Representation<BlockNumber> {
	/// What the representative may do.
	pub scope: RepresentativeScope,
	/// A hash of the document that founds the representation (power of attorney, court order,
	/// birth certificate); the document stays off chain.
	pub legal_basis: H256,
	/// The first block at which the representation no longer holds (a minor comes of age).
	pub until: Option<BlockNumber>,
	/// Who appointed the representative.
	pub appointed_by: Appointer,
}

impl<BlockNumber: PartialOrd> Representation<BlockNumber> {
	/// Whether the representation holds at block `now`.
	pub fn in_force(&self, now: &BlockNumber) -> bool {
		self.until.as_ref().is_none_or(|until| now < until)
	}
}

/// What a patient signs to let a provider register them.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct RegistrationPayload<AccountId, Hash> {
	/// A fixed tag, so the signature cannot be taken for anything else.
	pub tag: [u8; 24],
	/// The chain's genesis hash, so the signature is good on this chain only.
	pub genesis: Hash,
	/// The patient.
	pub patient: AccountId,
	/// The key to register.
	pub encryption_key: EncryptionKey,
	/// The patient's consent epoch: a signature given before the account was closed cannot
	/// register it again.
	pub epoch: u32,
}

/// The tag of a [`RegistrationPayload`].
pub const REGISTRATION_TAG: [u8; 24] = *b"medledger:register-v1\0\0\0";
