//! # MedLedger client library
//!
//! What the `medledger` CLI, the records gateway and the load tool share:
//!
//! - [`runtime`]: the chain's calls, storage, events and runtime APIs, typed by subxt from the
//!   runtime's metadata in `artifacts/medledger.scale` (a test fails when it differs from the
//!   runtime's own);
//! - [`keys`]: one 12-word phrase gives the account (sr25519) and the encryption key (x25519);
//!   [`keystore`] keeps identities encrypted under a passphrase;
//! - [`MedLedger`]: the chain in the domain's words. [`chain`] signs, sends and follows a
//!   transaction and watches a patient's events; [`calls`] has one typed method per
//!   transaction (register a patient, grant, revoke, inquire, answer, break glass, register a
//!   document set, apply, employ, transfer, council motions); [`reads`] has what the chain
//!   says, each read typed and on the state of a block the caller names (the finalized head,
//!   unless it says otherwise).

pub mod calls;
pub mod chain;
pub mod contracts;
pub mod gateway;
pub mod keys;
pub mod keystore;
pub mod reads;
// Development nodes for end-to-end tests: only with the `testing` feature, which the tests of
// the crates that use it turn on (in their dev-dependencies), never their builds.
#[cfg(feature = "testing")]
pub mod testing;
pub mod types;

pub use chain::{Included, MedLedger, PatientEvent};
pub use keys::{seal, Keys};
pub use keystore::{Identity, Keystore};

/// The chain's calls, storage, events and runtime APIs, generated from its metadata.
/// The domain's own types (`medledger-primitives`) stand in for their generated twins, so
/// values pass between the runtime and this client without conversion.
#[subxt::subxt(
	runtime_metadata_path = "artifacts/medledger.scale",
	derive_for_all_types = "Clone, PartialEq, Eq",
	derive_for_type(
		path = "medledger_runtime::RuntimeCall",
		derive = "::subxt::ext::codec::Encode",
		recursive
	),
	substitute_type(
		path = "medledger_primitives::medical::CategorySet",
		with = "::subxt::utils::Static<::medledger_primitives::CategorySet>"
	),
	substitute_type(
		path = "medledger_primitives::medical::LabelSet",
		with = "::subxt::utils::Static<::medledger_primitives::LabelSet>"
	),
	substitute_type(
		path = "medledger_primitives::medical::RecordCategory",
		with = "::subxt::utils::Static<::medledger_primitives::RecordCategory>"
	),
	substitute_type(
		path = "medledger_primitives::medical::Purpose",
		with = "::subxt::utils::Static<::medledger_primitives::Purpose>"
	),
	substitute_type(
		path = "medledger_primitives::medical::AccessLevel",
		with = "::subxt::utils::Static<::medledger_primitives::AccessLevel>"
	),
	substitute_type(
		path = "medledger_primitives::medical::GrantId",
		with = "::subxt::utils::Static<::medledger_primitives::GrantId>"
	),
	substitute_type(
		path = "medledger_primitives::medical::InquiryId",
		with = "::subxt::utils::Static<::medledger_primitives::InquiryId>"
	),
	substitute_type(
		path = "medledger_primitives::medical::RecordId",
		with = "::subxt::utils::Static<::medledger_primitives::RecordId>"
	),
	substitute_type(
		path = "medledger_primitives::medical::AccessDecision",
		with = "::subxt::utils::Static<::medledger_primitives::AccessDecision>"
	),
	substitute_type(
		path = "medledger_primitives::medical::Denial",
		with = "::subxt::utils::Static<::medledger_primitives::Denial>"
	),
	substitute_type(
		path = "medledger_primitives::EncryptionKey",
		with = "::subxt::utils::Static<::medledger_primitives::EncryptionKey>"
	),
	substitute_type(
		path = "medledger_primitives::RepresentativeScope",
		with = "::subxt::utils::Static<::medledger_primitives::RepresentativeScope>"
	)
)]
pub mod runtime {}

/// What can go wrong, each with what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// The recovery phrase is not a valid BIP39 phrase.
	#[error("not a valid recovery phrase ({0}); check the 12 words and their order")]
	InvalidPhrase(String),
	/// Opening a sealed message failed: not sealed to this key, or altered.
	#[error("cannot open: it was sealed to another key, or altered on the way")]
	CannotOpen,
	/// Sealing failed.
	#[error("cannot seal to that key")]
	CannotSeal,
	/// The keystore could not be used.
	#[error("keystore: {0}")]
	Keystore(String),
	/// The passphrase does not decrypt this identity.
	#[error("wrong passphrase for '{0}'")]
	WrongPassphrase(String),
	/// The node could not be reached or answered unexpectedly.
	#[error("node: {0}")]
	Node(String),
	/// The chain refused the transaction: the runtime's error, in its words.
	#[error("refused by the chain: {0}")]
	Refused(String),
	/// Bad input, caught before anything was sent.
	#[error("{0}")]
	Invalid(String),
}

/// Text that names no category, purpose or scope: bad input, with the names there are.
impl From<medledger_primitives::UnknownName> for Error {
	fn from(unknown: medledger_primitives::UnknownName) -> Self {
		Error::Invalid(unknown.to_string())
	}
}

impl Error {
	pub(crate) fn node(error: impl core::fmt::Display) -> Self {
		Error::Node(error.to_string())
	}
}
