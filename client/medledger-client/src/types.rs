//! The domain's types, shared with the runtime (`medledger-primitives`), which the generated
//! API uses directly (wrapped in `subxt::utils::Static`), and their names as people type them.

use crate::Error;

pub use medledger_primitives::{
	AccessDecision, AccessLevel, CategorySet, Denial, EncryptionKey, GrantId, InquiryId, LabelSet,
	Purpose, RecordCategory, RecordId, RepresentativeScope, SensitivityLabel,
};
pub use subxt::utils::AccountId32 as AccountId;

/// The chain's block number.
pub type BlockNumber = u32;

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
