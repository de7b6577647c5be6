//! The domain's types, shared with the runtime (`medledger-primitives`), which the generated
//! API uses directly (wrapped in `subxt::utils::Static`); what the chain keeps about them, as
//! the generated API decodes it (the reads of [`MedLedger`](crate::MedLedger) return these);
//! and the client's own words: amounts of MED, council actions and motion hashes.
//!
//! The domain's values are read from and written as text by `medledger-primitives` alone
//! (`"lab-results".parse::<RecordCategory>()`, `purpose.to_string()`); a name that names
//! nothing becomes [`Error::Invalid`] with the names there are.

use crate::{
	runtime::{self, runtime_types},
	Error,
};

pub use medledger_primitives::disclosure;
pub use medledger_primitives::{
	council, token, AccessDecision, AccessLevel, CategorySet, Denial, EncryptionKey, GrantId,
	InquiryId, LabelSet, Purpose, RecordCategory, RecordId, RepresentativeScope, SensitivityLabel,
	UnknownName,
};
pub use subxt::utils::AccountId32 as AccountId;

/// The chain's block number.
pub type BlockNumber = u32;

/// A consent grant as the chain keeps it: patient, grantee, categories and exceptions, purpose,
/// access, when it holds and how it came about.
pub type Grant = runtime_types::pallet_consent::types::Grant<AccountId, BlockNumber>;

/// How a grant came about: the patient's consent, an approved inquiry, or break-glass access.
pub type GrantOrigin = runtime_types::pallet_consent::types::GrantOrigin<AccountId>;

/// An inquiry waiting for a patient's answer (all of it but the sealed note and the deposit).
pub type InquirySummary =
	runtime_types::pallet_consent::types::InquirySummary<AccountId, BlockNumber>;

/// A record's document set as its patient's list of records shows it.
pub type RecordSummary =
	runtime_types::pallet_records::types::RecordSummary<AccountId, BlockNumber>;

/// A record's document set as the chain stores it.
pub type DocumentSet = runtime::records::storage::document_sets::Output;

/// A patient's accounting of disclosures: how many receipts (`count`), and the running hash
/// over them (`head`). Named by the runtime API that returns it, so that it stays this type
/// wherever the runtime defines it.
pub type DisclosureLog = runtime::runtime_apis::records_api::disclosure_log::output::Output;

/// A disclosure receipt, as the event of the block that recorded it tells it.
pub type Disclosed = runtime::records::events::Disclosed;

/// A registered patient.
pub type PatientInfo = runtime::patients::storage::patients::Output;

/// An admitted provider (a clinic): its name, gateway endpoint, keys and standing.
pub type ProviderInfo = runtime::providers::storage::providers::Output;

/// The votes on an open council motion.
pub type MotionVotes = runtime_types::pallet_collective::Votes<AccountId, BlockNumber>;

/// A call of the runtime, such as a council motion proposes.
pub type RuntimeCall = runtime_types::medledger_runtime::RuntimeCall;

/// The time and proof size a call may take.
pub type Weight = runtime_types::sp_weights::weight_v2::Weight;

/// A motion's hash from its hex text, as `council propose` printed it (`0x` optional).
pub fn parse_hash(text: &str) -> Result<subxt::utils::H256, Error> {
	let bytes = hex::decode(text.trim_start_matches("0x"))
		.ok()
		.filter(|b| b.len() == 32)
		.ok_or_else(|| Error::Invalid(format!("'{text}' is not a 32-byte hex hash")))?;
	Ok(subxt::utils::H256::from_slice(&bytes))
}

/// An amount of MED, counted in the chain's smallest unit. People write it as decimal text
/// (`2.5`, `0.001`, `20`): it is read exactly, never through a float, and more decimals than
/// the token has are refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount(pub u128);

impl core::str::FromStr for Amount {
	type Err = Error;

	fn from_str(text: &str) -> Result<Self, Error> {
		let invalid = || {
			Error::Invalid(format!(
				"'{text}' is not an amount of {}: write a number such as 2.5, with at most {} decimals",
				token::SYMBOL,
				token::DECIMALS
			))
		};
		let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
		let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
		if (whole.is_empty() && fraction.is_empty())
			|| !digits(whole)
			|| !digits(fraction)
			|| fraction.len() > usize::from(token::DECIMALS)
		{
			return Err(invalid());
		}
		let whole: u128 =
			if whole.is_empty() { 0 } else { whole.parse().map_err(|_| invalid())? };
		let scale = 10u128.pow(u32::from(token::DECIMALS) - fraction.len() as u32);
		let fraction: u128 =
			if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| invalid())? };
		whole
			.checked_mul(token::UNIT)
			.and_then(|w| w.checked_add(fraction * scale))
			.map(Amount)
			.ok_or_else(invalid)
	}
}

/// `2.5 MED`: the whole amount, no trailing zeros.
impl core::fmt::Display for Amount {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		let (whole, fraction) = (self.0 / token::UNIT, self.0 % token::UNIT);
		if fraction == 0 {
			return write!(f, "{whole} {}", token::SYMBOL);
		}
		let decimals = format!("{fraction:0width$}", width = usize::from(token::DECIMALS));
		write!(f, "{whole}.{} {}", decimals.trim_end_matches('0'), token::SYMBOL)
	}
}

/// What a council motion does to a provider, by the name `medledger council propose` takes:
/// `admit`, `suspend`, `reinstate` or `expel`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CouncilAction {
	/// Admit an applicant as a provider.
	Admit,
	/// Suspend a provider: grants to it stop working until it is reinstated.
	Suspend,
	/// Lift a provider's suspension.
	Reinstate,
	/// Expel a provider: it leaves the registry and its deposit is slashed.
	Expel,
}

impl CouncilAction {
	const ALL: [Self; 4] = [Self::Admit, Self::Suspend, Self::Reinstate, Self::Expel];

	/// The action's name.
	pub const fn name(self) -> &'static str {
		match self {
			Self::Admit => "admit",
			Self::Suspend => "suspend",
			Self::Reinstate => "reinstate",
			Self::Expel => "expel",
		}
	}

	/// The call a motion for this action proposes, about `provider`.
	pub fn call(self, provider: AccountId) -> RuntimeCall {
		use runtime_types::pallet_providers::pallet::Call;
		RuntimeCall::Providers(match self {
			Self::Admit => Call::admit { applicant: provider },
			Self::Suspend => Call::suspend { provider },
			Self::Reinstate => Call::reinstate { provider },
			Self::Expel => Call::expel { provider },
		})
	}
}

impl core::str::FromStr for CouncilAction {
	type Err = Error;

	fn from_str(text: &str) -> Result<Self, Error> {
		Self::ALL.into_iter().find(|action| action.name() == text).ok_or_else(|| {
			Error::Invalid(format!(
				"'{text}' is not a council action: use {}",
				Self::ALL.map(Self::name).join(", ")
			))
		})
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_read_exactly_in_med() {
		let unit = token::UNIT;
		assert_eq!("20".parse::<Amount>().ok(), Some(Amount(20 * unit)));
		assert_eq!("2.5".parse::<Amount>().ok(), Some(Amount(5 * unit / 2)));
		assert_eq!(".001".parse::<Amount>().ok(), Some(Amount(unit / 1_000)));
		assert_eq!("0.000000000001".parse::<Amount>().ok(), Some(Amount(1)));
		// 0.1 + 0.2 is not 0.30000000000000004 here.
		assert_eq!("0.3".parse::<Amount>().ok(), Some(Amount(3 * unit / 10)));
		for wrong in ["", ".", "-1", "1e3", "2,5", "0.0000000000001", "1.2.3", "NaN", "inf"] {
			assert!(matches!(wrong.parse::<Amount>(), Err(Error::Invalid(_))), "{wrong}");
		}
		let too_much = format!("{}", u128::MAX);
		assert!(too_much.parse::<Amount>().is_err());
	}

	#[test]
	fn amounts_show_in_med() {
		assert_eq!(Amount(17 * token::UNIT).to_string(), "17 MED");
		assert_eq!(Amount(token::UNIT / 4).to_string(), "0.25 MED");
		assert_eq!(Amount(1).to_string(), "0.000000000001 MED");
		for text in ["3", "0.125", "12.000000000001"] {
			let amount: Amount = text.parse().expect("an amount");
			assert_eq!(amount.to_string(), format!("{text} MED"));
		}
	}

	#[test]
	fn council_actions_read_by_their_names() {
		for action in CouncilAction::ALL {
			assert_eq!(action.name().parse::<CouncilAction>().ok(), Some(action));
		}
		assert!(matches!("ban".parse::<CouncilAction>(), Err(Error::Invalid(_))));
	}

	#[test]
	fn a_motion_hash_is_32_bytes_of_hex() {
		let hash = format!("0x{}", "ab".repeat(32));
		assert_eq!(parse_hash(&hash).ok(), Some(subxt::utils::H256([0xab; 32])));
		assert_eq!(parse_hash(&"ab".repeat(32)).ok(), Some(subxt::utils::H256([0xab; 32])));
		assert!(matches!(parse_hash("0xabcd"), Err(Error::Invalid(_))));
	}
}
