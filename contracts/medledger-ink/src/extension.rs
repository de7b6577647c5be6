//! The consent chain extension, exactly as `docs/contracts.md` defines its ABI: extension id
//! `0x4d4c` ("ML"), functions 1 to 7, SCALE-encoded input and output in the chain's own types.
//!
//! Every function returns status 0 and writes its output; input the runtime cannot decode, or
//! an unknown function, traps the calling contract. So no function handles the status
//! (`handle_status = false`): each returns its answer directly.

use crate::types::{AccessDecision, CategorySet, GrantId, Purpose, RecordFacts, RecordId};
use ink::primitives::AccountId;

/// The extension's id ("ML"), the high half of every function's 32-bit id.
pub const EXTENSION_ID: u16 = 0x4d4c;

/// The extension's function ids, the low half of each function's 32-bit id.
pub mod function {
	/// `access_decision`: the access decision for a set of categories.
	pub const ACCESS_DECISION: u16 = 1;
	/// `record_access`: the access decision for one record.
	pub const RECORD_ACCESS: u16 = 2;
	/// `grant_valid_at`: whether a grant was in force at a block.
	pub const GRANT_VALID_AT: u16 = 3;
	/// `record`: a record's facts.
	pub const RECORD: u16 = 4;
	/// `is_patient`: whether an account is a registered patient.
	pub const IS_PATIENT: u16 = 5;
	/// `is_active_provider`: whether an account is a provider in good standing.
	pub const IS_ACTIVE_PROVIDER: u16 = 6;
	/// `grant_parties`: a grant's patient and grantee.
	pub const GRANT_PARTIES: u16 = 7;
}

/// The consent chain extension. A contract whose environment is
/// [`MedLedgerEnvironment`](crate::MedLedgerEnvironment) calls it as
/// `self.env().extension().access_decision(..)`.
///
/// The ids below must equal [`EXTENSION_ID`] and the constants of [`function`]: the macro
/// takes literals only. The mock chain registers under those constants, so a mismatch fails
/// every contract's unit tests.
#[ink::chain_extension(extension = 0x4d4c)]
pub trait ConsentExtension {
	/// No function reports a status: every call returns 0 or traps.
	type ErrorCode = ConsentExtensionError;

	/// The chain's access decision, at the current block: may `requester` read `patient`'s
	/// records that need every category of `categories`, for `purpose`?
	#[ink(function = 1, handle_status = false)]
	fn access_decision(
		requester: AccountId,
		patient: AccountId,
		categories: CategorySet,
		purpose: Purpose,
	) -> AccessDecision;

	/// The access decision for one record: its class and the categories of its labels must
	/// be covered. The custodian's own staff are always allowed.
	#[ink(function = 2, handle_status = false)]
	fn record_access(requester: AccountId, record: RecordId, purpose: Purpose) -> AccessDecision;

	/// Whether `grant` was in force at block `at` (a `BlockNumber`); `None` if there is no
	/// such grant.
	#[ink(function = 3, handle_status = false)]
	fn grant_valid_at(grant: GrantId, at: u32) -> Option<bool>;

	/// A record's patient, custodian, class and labels; `None` if there is no such record.
	#[ink(function = 4, handle_status = false)]
	fn record(record: RecordId) -> Option<RecordFacts>;

	/// Whether `account` is a registered patient.
	#[ink(function = 5, handle_status = false)]
	fn is_patient(account: AccountId) -> bool;

	/// Whether `account` is a provider in good standing.
	#[ink(function = 6, handle_status = false)]
	fn is_active_provider(account: AccountId) -> bool;

	/// A grant's patient and grantee; `None` if there is no such grant. With it a contract
	/// tells the patient's own grant to an account from access the chain allows that account
	/// through another (the clinic that employs it, the record's custodian).
	#[ink(function = 7, handle_status = false)]
	fn grant_parties(grant: GrantId) -> Option<(AccountId, AccountId)>;
}

/// The status of a consent extension call. The chain always answers 0 (success), so a
/// contract never sees [`ConsentExtensionError::Failed`]; it exists because ink! asks every
/// extension for an error code type.
#[derive(Clone, Copy, PartialEq, Eq, Debug, scale::Encode, scale::Decode)]
#[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
pub enum ConsentExtensionError {
	/// The chain answered with this non-zero status.
	Failed(u32),
}

impl ink::env::chain_extension::FromStatusCode for ConsentExtensionError {
	fn from_status_code(status_code: u32) -> Result<(), Self> {
		match status_code {
			0 => Ok(()),
			failed => Err(Self::Failed(failed)),
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use ink::env::chain_extension::FromStatusCode;

	#[test]
	fn only_status_zero_is_success() {
		assert_eq!(ConsentExtensionError::from_status_code(0), Ok(()));
		assert_eq!(
			ConsentExtensionError::from_status_code(3),
			Err(ConsentExtensionError::Failed(3))
		);
	}
}
