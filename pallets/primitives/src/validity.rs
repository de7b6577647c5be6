//! Why the transaction pool turns a consent call away, as `InvalidTransaction::Custom` codes.
//!
//! The runtime's `CheckConsentCall` extension refuses in validation the consent calls that
//! would surely fail; a client reads the code back with [`InvalidConsentCall::from_code`] to
//! tell its user why, in the words of the dispatch error the call would have met.

use sp_runtime::transaction_validity::{InvalidTransaction, TransactionValidityError};

/// Why the pool turns a consent call away: the code of `InvalidTransaction::Custom`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum InvalidConsentCall {
	/// The signer may not manage the patient's consent (`NotAuthorized`).
	NotAuthorized = 60,
	/// The grant does not exist (`NoSuchGrant`).
	NoSuchGrant = 61,
	/// The grant was revoked already (`AlreadyRevoked`).
	AlreadyRevoked = 62,
	/// A patient cannot grant to themself (`SelfGrant`).
	SelfGrant = 63,
	/// The category set names no category, an unknown one, or nothing after the exceptions
	/// (`InvalidCategories`, `NothingGranted`).
	InvalidCategories = 64,
	/// The inquiry is not pending (`NoSuchInquiry`).
	NoSuchInquiry = 65,
}

impl InvalidConsentCall {
	/// Every reason, in code order.
	pub const ALL: [Self; 6] = [
		Self::NotAuthorized,
		Self::NoSuchGrant,
		Self::AlreadyRevoked,
		Self::SelfGrant,
		Self::InvalidCategories,
		Self::NoSuchInquiry,
	];

	/// The reason a `Custom` code stands for, if it is one of these.
	pub fn from_code(code: u8) -> Option<Self> {
		Self::ALL.into_iter().find(|reason| *reason as u8 == code)
	}

	/// The name of the dispatch error the call would have met.
	pub fn name(self) -> &'static str {
		match self {
			Self::NotAuthorized => "NotAuthorized",
			Self::NoSuchGrant => "NoSuchGrant",
			Self::AlreadyRevoked => "AlreadyRevoked",
			Self::SelfGrant => "SelfGrant",
			Self::InvalidCategories => "InvalidCategories",
			Self::NoSuchInquiry => "NoSuchInquiry",
		}
	}

	/// What it means, for a person.
	pub fn explanation(self) -> &'static str {
		match self {
			Self::NotAuthorized => {
				"the signer is neither the patient nor a representative who may manage consent"
			},
			Self::NoSuchGrant => "there is no such grant",
			Self::AlreadyRevoked => "the grant was revoked already",
			Self::SelfGrant => "a patient cannot grant access to themself",
			Self::InvalidCategories => {
				"the categories name nothing valid, or nothing is left after the exceptions"
			},
			Self::NoSuchInquiry => "there is no such pending inquiry",
		}
	}
}

impl From<InvalidConsentCall> for TransactionValidityError {
	fn from(reason: InvalidConsentCall) -> Self {
		InvalidTransaction::Custom(reason as u8).into()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_code_reads_back_as_its_reason_and_no_other_code_does() {
		for reason in InvalidConsentCall::ALL {
			assert_eq!(InvalidConsentCall::from_code(reason as u8), Some(reason));
		}
		let known = InvalidConsentCall::ALL.map(|reason| reason as u8);
		for code in (0..=u8::MAX).filter(|code| !known.contains(code)) {
			assert_eq!(InvalidConsentCall::from_code(code), None, "{code}");
		}
	}
}
