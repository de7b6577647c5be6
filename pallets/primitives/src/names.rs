//! The names of the domain's values, as the docs, the CLI, the gateway and its database write
//! them: `lab-results`, `emergency-treatment`, `manage-consent`. Each kind of value becomes text
//! here and nowhere else: [`Display`](core::fmt::Display) writes the name, and
//! [`FromStr`](core::str::FromStr) reads it back, forgiving case and the choice of `-`, `_` or
//! nothing between words (`LabResults` and `lab_results` read as `lab-results`), so that text
//! written by an older client still reads.
//!
//! JSON-RPC keeps the variants' own spelling (`"LabResults"`), which is what the types' SCALE
//! metadata names and what a dApp's generated types expect. The HL7 codes of purposes and
//! labels are a third spelling, for FHIR documents: [`Purpose::hl7_code`] and
//! [`SensitivityLabel::hl7_code`](crate::SensitivityLabel::hl7_code).

extern crate alloc;

use crate::{AccessLevel, CategorySet, Denial, Purpose, RecordCategory, RepresentativeScope};
use alloc::string::{String, ToString};
use core::{fmt, str::FromStr};

/// Text that names no value of the kind asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
	/// The text as given.
	pub text: String,
	/// What was asked for, e.g. "record category".
	pub kind: &'static str,
	/// Every name of that kind.
	pub names: &'static [&'static str],
}

impl fmt::Display for UnknownName {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "'{}' is not a {}; use one of: {}", self.text, self.kind, self.names.join(", "))
	}
}

impl core::error::Error for UnknownName {}

/// Whether `text` spells `name`, ignoring case and anything but letters and digits.
fn spells(text: &str, name: &str) -> bool {
	let mut text = text.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase());
	let mut name = name.chars().filter(char::is_ascii_alphanumeric);
	loop {
		match (text.next(), name.next()) {
			(None, None) => return true,
			(a, b) if a == b => continue,
			_ => return false,
		}
	}
}

/// Gives a type of the domain its names: one per variant, matched exhaustively.
macro_rules! names {
	($ty:ident, $kind:literal, { $($variant:ident => $name:literal,)* }) => {
		impl $ty {
			/// Every name of this kind, in declaration order.
			pub const NAMES: &'static [&'static str] = &[$($name),*];

			/// The value's name, as the docs and the CLI write it.
			pub const fn name(self) -> &'static str {
				match self {
					$(Self::$variant => $name,)*
				}
			}
		}

		impl fmt::Display for $ty {
			fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
				f.write_str(self.name())
			}
		}

		impl FromStr for $ty {
			type Err = UnknownName;

			fn from_str(text: &str) -> Result<Self, UnknownName> {
				[$(Self::$variant),*]
					.into_iter()
					.find(|value| spells(text, value.name()))
					.ok_or_else(|| UnknownName {
						text: text.to_string(),
						kind: $kind,
						names: Self::NAMES,
					})
			}
		}
	};
}

names!(RecordCategory, "record category", {
	Demographics => "demographics",
	Allergies => "allergies",
	Medications => "medications",
	Conditions => "conditions",
	LabResults => "lab-results",
	VitalSigns => "vital-signs",
	Imaging => "imaging",
	Immunizations => "immunizations",
	Procedures => "procedures",
	ClinicalNotes => "clinical-notes",
	MentalHealth => "mental-health",
	SexualAndReproductiveHealth => "sexual-and-reproductive-health",
	Genomics => "genomics",
	SubstanceUse => "substance-use",
});

names!(Purpose, "purpose", {
	Treatment => "treatment",
	EmergencyTreatment => "emergency-treatment",
	Research => "research",
	Payment => "payment",
	FamilyCare => "family-care",
	PatientRequest => "patient-request",
	PublicHealth => "public-health",
});

names!(AccessLevel, "access level", {
	Read => "read",
	ReadAppend => "read-append",
});

names!(RepresentativeScope, "representative scope", {
	ManageConsent => "manage-consent",
	ViewRecords => "view-records",
	Full => "full",
});

names!(Denial, "reason for denial", {
	NotAPatient => "not-a-patient",
	NoSuchRecord => "no-such-record",
	NoGrant => "no-grant",
	Excepted => "excepted",
	WrongPurpose => "wrong-purpose",
	NotYetValid => "not-yet-valid",
	Expired => "expired",
	Revoked => "revoked",
	ProviderInactive => "provider-inactive",
});

impl Purpose {
	/// The code system of [`Purpose::hl7_code`]: HL7 v3 ActReason.
	pub const HL7_SYSTEM: &'static str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

	/// The purpose's HL7 PurposeOfUse code (v3 ActReason), as FHIR `Consent.provision.purpose`
	/// carries it.
	pub const fn hl7_code(self) -> &'static str {
		match self {
			Self::Treatment => "TREAT",
			Self::EmergencyTreatment => "ETREAT",
			Self::Research => "HRESCH",
			Self::Payment => "HPAYMT",
			Self::FamilyCare => "FAMRQT",
			Self::PatientRequest => "PATRQT",
			Self::PublicHealth => "PUBHLTH",
		}
	}

	/// The purpose of an HL7 PurposeOfUse code (exact, upper case), if it is one of ours.
	pub fn from_hl7_code(code: &str) -> Option<Self> {
		Self::ALL.into_iter().find(|purpose| purpose.hl7_code() == code)
	}
}

impl CategorySet {
	/// The names of the categories in the set, in bit order.
	pub fn names(self) -> impl Iterator<Item = &'static str> {
		self.iter().map(RecordCategory::name)
	}
}

/// `all`, `none`, or the categories' names joined by `, `.
impl fmt::Display for CategorySet {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		if *self == Self::all() {
			return f.write_str("all");
		}
		if self.is_empty() {
			return f.write_str("none");
		}
		for (i, name) in self.names().enumerate() {
			if i > 0 {
				f.write_str(", ")?;
			}
			f.write_str(name)?;
		}
		Ok(())
	}
}

/// A comma-separated list of category names; `all` names every category, and `none` or no
/// text at all none.
impl FromStr for CategorySet {
	type Err = UnknownName;

	fn from_str(text: &str) -> Result<Self, UnknownName> {
		let text = text.trim();
		if text.eq_ignore_ascii_case("all") {
			return Ok(Self::all());
		}
		if text.is_empty() || text.eq_ignore_ascii_case("none") {
			return Ok(Self::empty());
		}
		let mut set = Self::empty();
		for name in text.split(',') {
			set = Self(set.0 | Self::of(&[name.trim().parse::<RecordCategory>()?]).0);
		}
		Ok(set)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::SensitivityLabel;

	#[test]
	fn every_name_reads_back_as_its_value() {
		for category in RecordCategory::ALL {
			assert_eq!(category.to_string().parse::<RecordCategory>(), Ok(category));
		}
		for purpose in Purpose::ALL {
			assert_eq!(purpose.to_string().parse::<Purpose>(), Ok(purpose));
			assert_eq!(Purpose::from_hl7_code(purpose.hl7_code()), Some(purpose));
		}
		assert_eq!(RecordCategory::NAMES.len(), RecordCategory::ALL.len());
		assert_eq!(Purpose::NAMES.len(), Purpose::ALL.len());
	}

	#[test]
	fn names_read_as_people_and_older_clients_wrote_them() {
		for text in ["lab-results", "LabResults", "lab_results", " Lab Results "] {
			assert_eq!(text.parse::<RecordCategory>(), Ok(RecordCategory::LabResults), "{text}");
		}
		// What the gateway's database held before names: the variant's own spelling.
		assert_eq!("EmergencyTreatment".parse::<Purpose>(), Ok(Purpose::EmergencyTreatment));
		assert_eq!("manage-consent".parse(), Ok(RepresentativeScope::ManageConsent));
		assert_eq!("read-append".parse(), Ok(AccessLevel::ReadAppend));
	}

	#[test]
	fn a_name_of_nothing_is_refused_with_the_names_there_are() {
		let refused = "x-rays".parse::<RecordCategory>().unwrap_err();
		assert_eq!(refused.kind, "record category");
		let text = refused.to_string();
		assert!(text.starts_with("'x-rays' is not a record category; use one of: demographics"));
		assert!(text.contains("imaging"), "{text}");
		assert!("".parse::<Purpose>().is_err());
		assert!("marketing".parse::<Purpose>().is_err());
		// A name is a whole word: neither a prefix nor a longer word reads.
		assert!("lab".parse::<RecordCategory>().is_err());
		assert!("treatments".parse::<Purpose>().is_err());
		assert!("guardian".parse::<RepresentativeScope>().is_err());
		assert_eq!(Purpose::from_hl7_code("treat"), None);
	}

	#[test]
	fn category_sets_read_and_write_as_lists() {
		let set = CategorySet::of(&[RecordCategory::Allergies, RecordCategory::Genomics]);
		assert_eq!(set.to_string(), "allergies, genomics");
		assert_eq!("genomics,allergies".parse(), Ok(set));
		assert_eq!("all".parse(), Ok(CategorySet::all()));
		assert_eq!(CategorySet::all().to_string(), "all");
		assert_eq!("".parse(), Ok(CategorySet::empty()));
		assert_eq!(CategorySet::empty().to_string(), "none");
		assert_eq!("none".parse(), Ok(CategorySet::empty()));
		assert_eq!("allergies, x-rays".parse::<CategorySet>().unwrap_err().text, "x-rays");
		assert!("allergies,".parse::<CategorySet>().is_err());
	}

	#[test]
	fn labels_keep_their_hl7_codes_as_their_text() {
		for label in SensitivityLabel::ALL {
			assert_eq!(SensitivityLabel::from_hl7_code(label.hl7_code()), Some(label));
		}
	}
}
