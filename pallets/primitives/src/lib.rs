//! # MedLedger primitives
//!
//! The small vocabulary every MedLedger pallet, the runtime and the clients share: the key types
//! of the medical domain, the status of a provider, and the traits through which one pallet asks
//! another about providers and practitioners without depending on its crate.
//!
//! A rule that both the chain and a client apply is stated here once: when a grant is in force
//! ([`GrantPeriod::in_force`]), who acts for an active provider
//! ([`ProviderRegistry::acting_provider`]), and the running hash of a patient's disclosures
//! ([`DisclosureLog::append`]).
//!
//! Keep this crate small: types land here only when two crates need the same word.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// The chain's token, MED: the runtime's balances, the node's chain properties and the clients'
/// amounts all count in it.
pub mod token {
	/// The token's symbol.
	pub const SYMBOL: &str = "MED";
	/// How many decimals one MED has: a balance of 1 is 10^-12 MED.
	pub const DECIMALS: u8 = 12;
	/// One MED, in the smallest unit that balances count.
	pub const UNIT: u128 = 10u128.pow(DECIMALS as u32);
	/// A thousandth of a MED.
	pub const MILLI_UNIT: u128 = UNIT / 1_000;
}

/// The provider council's rule for motions that act as root: at least two thirds of the
/// members. The runtime's origin and the clients' motions both follow it.
pub mod council {
	/// The numerator of the share of members that carries a motion.
	pub const APPROVAL_NUMERATOR: u32 = 2;
	/// The denominator of that share.
	pub const APPROVAL_DENOMINATOR: u32 = 3;

	/// The ayes a motion needs in a council of `members`: the least number that is at least
	/// two thirds of them.
	pub const fn threshold(members: u32) -> u32 {
		(members * APPROVAL_NUMERATOR).div_ceil(APPROVAL_DENOMINATOR)
	}

	#[cfg(test)]
	mod tests {
		#[test]
		fn a_motion_needs_two_thirds_of_the_council() {
			let needed: [(u32, u32); 7] = [(1, 1), (2, 2), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5)];
			for (members, ayes) in needed {
				assert_eq!(super::threshold(members), ayes, "{members} members");
				assert!(ayes * 3 >= members * 2 && (ayes - 1) * 3 < members * 2);
			}
		}
	}
}

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
/// so every answer is a single storage read ([`ProviderRegistry::acting_provider`]: at most
/// three).
pub trait ProviderRegistry<AccountId> {
	/// The status of `who` if it is a registered provider.
	fn status(who: &AccountId) -> Option<ProviderStatus>;

	/// Whether `who` is a provider in good standing.
	fn is_active(who: &AccountId) -> bool {
		Self::status(who) == Some(ProviderStatus::Active)
	}

	/// The provider that `practitioner` works for, if any.
	fn employer(practitioner: &AccountId) -> Option<AccountId>;

	/// The active provider `who` acts for: `who` itself if it is an active provider, else the
	/// provider that employs it, if that one is active. The one statement of "acts for an
	/// active provider": who may hold records in custody, report their disclosures, sponsor a
	/// patient's registration, break glass, or read under a grant to its clinic.
	///
	/// A provider is nobody's practitioner, so an answer other than `who` is its employer.
	fn acting_provider(who: &AccountId) -> Option<AccountId>
	where
		AccountId: Clone,
	{
		if Self::is_active(who) {
			return Some(who.clone());
		}
		Self::employer(who).filter(Self::is_active)
	}
}

pub mod disclosure;
pub use disclosure::{Disclosure, DisclosureLog};
pub mod medical;
pub use medical::*;
pub mod names;
pub use names::UnknownName;
pub mod validity;
pub use validity::InvalidConsentCall;

/// How far a representative may act for a patient.
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
pub enum RepresentativeScope {
	/// Grant, revoke and answer inquiries for the patient.
	ManageConsent,
	/// Read the patient's records.
	ViewRecords,
	/// Both.
	Full,
}

impl RepresentativeScope {
	/// Whether this scope lets the representative manage consent.
	pub fn manages_consent(self) -> bool {
		matches!(self, Self::ManageConsent | Self::Full)
	}

	/// Whether this scope lets the representative read records.
	pub fn views_records(self) -> bool {
		matches!(self, Self::ViewRecords | Self::Full)
	}
}

/// What other pallets may ask of the patient registry: single storage reads.
pub trait PatientRegistry<AccountId, BlockNumber> {
	/// The patient's consent epoch if `who` is a registered patient. Closing an account bumps
	/// the epoch, which ends every grant made under the old one at once.
	fn consent_epoch(who: &AccountId) -> Option<u32>;

	/// The block at which `who`'s consent epoch `epoch` ended (the account was closed), if it
	/// has: a grant of that epoch holds at no block from then on.
	fn epoch_ended(who: &AccountId, epoch: u32) -> Option<BlockNumber>;

	/// Whether `who` is a registered patient.
	fn is_patient(who: &AccountId) -> bool {
		Self::consent_epoch(who).is_some()
	}

	/// The scope in which `agent` may act for `patient` now: `Full` for the patient themself,
	/// a representative's scope while it is in force, `None` otherwise.
	fn scope_of(agent: &AccountId, patient: &AccountId) -> Option<RepresentativeScope>;

	/// Whether `agent` may grant, revoke and answer for `patient` now.
	fn may_manage_consent(agent: &AccountId, patient: &AccountId) -> bool {
		Self::scope_of(agent, patient).is_some_and(RepresentativeScope::manages_consent)
	}

	/// Whether `agent` may read `patient`'s records without a grant.
	fn may_view_records(agent: &AccountId, patient: &AccountId) -> bool {
		Self::scope_of(agent, patient).is_some_and(RepresentativeScope::views_records)
	}

	/// The x25519 key data for the patient is sealed to, with its version.
	fn encryption_key(who: &AccountId) -> Option<(EncryptionKey, KeyVersion)>;
}

/// What other pallets may ask of consent.
pub trait ConsentRegistry<AccountId, BlockNumber> {
	/// The one access decision: may `requester` read `patient`'s records that need every
	/// category of `needed` (a record's class and the categories of its sensitivity labels,
	/// see [`categories_of_record`]) for `purpose`, on the state at block `at`?
	fn access_decision(
		requester: &AccountId,
		patient: &AccountId,
		needed: CategorySet,
		purpose: Purpose,
		at: BlockNumber,
	) -> AccessDecision;

	/// The patient and grantee of `grant`, if it exists.
	fn parties(grant: GrantId) -> Option<(AccountId, AccountId)>;

	/// Whether `grant` was in force at block `at` (its period, revocation and the patient's
	/// account, by [`GrantPeriod::in_force`]), if it exists.
	fn grant_valid_at(grant: GrantId, at: BlockNumber) -> Option<bool>;

	/// Whether `grant` exists and covers every category of `needed` for `purpose`, excepting
	/// none of them: the same rule as [`ConsentRegistry::access_decision`], without time.
	fn covers(grant: GrantId, needed: CategorySet, purpose: Purpose) -> bool;
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Provider 1 is active, with practitioner 11; provider 2 is suspended, with practitioner 21.
	struct Registry;

	impl ProviderRegistry<u64> for Registry {
		fn status(who: &u64) -> Option<ProviderStatus> {
			match *who {
				1 => Some(ProviderStatus::Active),
				2 => Some(ProviderStatus::Suspended),
				_ => None,
			}
		}

		fn employer(practitioner: &u64) -> Option<u64> {
			match *practitioner {
				11 => Some(1),
				21 => Some(2),
				_ => None,
			}
		}
	}

	#[test]
	fn an_account_acts_for_itself_if_an_active_provider_else_for_its_active_employer() {
		assert_eq!(Registry::acting_provider(&1), Some(1));
		assert_eq!(Registry::acting_provider(&11), Some(1));
		// Nobody acts for a suspended provider, not even the provider itself.
		assert_eq!(Registry::acting_provider(&2), None);
		assert_eq!(Registry::acting_provider(&21), None);
		assert_eq!(Registry::acting_provider(&99), None);
	}
}
