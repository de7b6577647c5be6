//! The domain's types, shared with the runtime (`medledger-primitives`), which the generated
//! API uses directly (wrapped in `subxt::utils::Static`), and their names as people type them;
//! and what the chain keeps about them, as the generated API decodes it (the reads of
//! [`MedLedger`](crate::MedLedger) return these).

use crate::{
	runtime::{self, runtime_types},
	Error,
};

pub use medledger_primitives::disclosure;
pub use medledger_primitives::{
	AccessDecision, AccessLevel, CategorySet, Denial, EncryptionKey, GrantId, InquiryId, LabelSet,
	Purpose, RecordCategory, RecordId, RepresentativeScope, SensitivityLabel,
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

/// A record category from its name, as people type it: `lab-results`, `LabResults` or
/// `lab_results`.
pub fn parse_category(name: &str) -> Result<RecordCategory, Error> {
	let wanted = normalize(name);
	RecordCategory::ALL.into_iter().find(|c| normalize(&format!("{c:?}")) == wanted).ok_or_else(
		|| {
			Error::Invalid(format!(
				"'{name}' is not a record category; use one of: {}",
				RecordCategory::ALL.map(category_name).join(", ")
			))
		},
	)
}

/// A set of categories from a comma-separated list; `all` names every category.
pub fn parse_categories(list: &str) -> Result<CategorySet, Error> {
	if list.trim().eq_ignore_ascii_case("all") {
		return Ok(CategorySet::all());
	}
	if list.trim().is_empty() {
		return Ok(CategorySet::empty());
	}
	let categories =
		list.split(',').map(|name| parse_category(name.trim())).collect::<Result<Vec<_>, _>>()?;
	Ok(CategorySet::of(&categories))
}

/// A purpose from its name: `treatment`, `emergency-treatment`, `research`, `payment`,
/// `family-care`, `patient-request`, `public-health`.
pub fn parse_purpose(name: &str) -> Result<Purpose, Error> {
	let wanted = normalize(name);
	Purpose::ALL.into_iter().find(|p| normalize(&format!("{p:?}")) == wanted).ok_or_else(|| {
		Error::Invalid(format!(
			"'{name}' is not a purpose; use one of: {}",
			Purpose::ALL.map(|p| kebab(&format!("{p:?}"))).join(", ")
		))
	})
}

/// The kebab-case name of a category, as the CLI shows it.
pub fn category_name(category: RecordCategory) -> String {
	kebab(&format!("{category:?}"))
}

/// The names of the categories in a set.
pub fn category_names(set: CategorySet) -> Vec<String> {
	RecordCategory::ALL.into_iter().filter(|c| set.contains(*c)).map(category_name).collect()
}

fn normalize(name: &str) -> String {
	name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

fn kebab(camel: &str) -> String {
	let mut out = String::new();
	for (i, c) in camel.chars().enumerate() {
		if c.is_ascii_uppercase() && i > 0 {
			out.push('-');
		}
		out.push(c.to_ascii_lowercase());
	}
	out
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn categories_and_purposes_parse_as_people_type_them() {
		assert_eq!(parse_category("lab-results").unwrap(), RecordCategory::LabResults);
		assert_eq!(parse_category("LabResults").unwrap(), RecordCategory::LabResults);
		assert_eq!(parse_category("mental_health").unwrap(), RecordCategory::MentalHealth);
		assert_eq!(
			parse_categories("lab-results, imaging").unwrap(),
			CategorySet::of(&[RecordCategory::LabResults, RecordCategory::Imaging])
		);
		assert_eq!(parse_categories("all").unwrap(), CategorySet::all());
		assert_eq!(parse_purpose("emergency-treatment").unwrap(), Purpose::EmergencyTreatment);
		let wrong = parse_category("x-rays").unwrap_err().to_string();
		assert!(wrong.contains("imaging"), "{wrong}");
		assert!(parse_purpose("marketing").is_err());
	}

	#[test]
	fn names_round_trip() {
		for category in RecordCategory::ALL {
			assert_eq!(parse_category(&category_name(category)).unwrap(), category);
		}
		let set = CategorySet::of(&[RecordCategory::Allergies, RecordCategory::Genomics]);
		assert_eq!(category_names(set), vec!["allergies", "genomics"]);
	}
}
