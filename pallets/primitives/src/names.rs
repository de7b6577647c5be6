//! The names of the domain's values, as the docs, the CLI, the gateway and its database write
//! them: `lab-results`, `emergency-treatment`, `manage-consent`. Each kind of value becomes text
//! here and nowhere else: [`Display`](core::fmt::Display) writes the name, and
//! [`FromStr`](core::str::FromStr) reads it back, forgiving ASCII case and the choice of `-`,
//! `_` or nothing between words (`LabResults` and `lab_results` read as `lab-results`), so that
//! text written by an older client still reads. Nothing else is forgiven: a space, a zero-width
//! space, a letter of another script that looks like a Latin one, or a `-` inside a word, and
//! the text names nothing. A name read from a query or a database row is the name a person
//! would see, not one that merely resembles it.
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
		// Escaped, so that an invisible character that made the text no name shows (`\u{200b}`).
		let text = self.text.escape_debug();
		write!(f, "'{text}' is not a {}; use one of: {}", self.kind, self.names.join(", "))
	}
}

impl core::error::Error for UnknownName {}

/// Whether `text` spells `name` (lower-case ASCII words joined by `-`): each letter in either
/// ASCII case, and between two words `-`, `_` or nothing. Every other character, a space or an
/// invisible one included, is compared, not skipped, so it spells no name; so does a separator
/// inside a word or at either end.
fn spells(text: &str, name: &str) -> bool {
	let (mut text, mut name) = (text.as_bytes(), name.as_bytes());
	loop {
		match (text, name) {
			([], []) => return true,
			([b'-' | b'_', text_rest @ ..], [b'-', name_rest @ ..]) => {
				(text, name) = (text_rest, name_rest);
			},
			// Words written together, as in the variants' own spelling (`LabResults`).
			(_, [b'-', name_rest @ ..]) => name = name_rest,
			// A byte of a non-ASCII character is left as it is by `to_ascii_lowercase` and
			// equals no byte of a name.
			([t, text_rest @ ..], [n, name_rest @ ..]) if t.to_ascii_lowercase() == *n => {
				(text, name) = (text_rest, name_rest);
			},
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
/// text at all none. ASCII spaces around the list and around each name (`, ` is how the set is
/// written) are not part of it; any other character is read as part of a name.
impl FromStr for CategorySet {
	type Err = UnknownName;

	fn from_str(text: &str) -> Result<Self, UnknownName> {
		let text = text.trim_ascii();
		if text.eq_ignore_ascii_case("all") {
			return Ok(Self::all());
		}
		if text.is_empty() || text.eq_ignore_ascii_case("none") {
			return Ok(Self::empty());
		}
		let mut set = Self::empty();
		for name in text.split(',') {
			set = Self(set.0 | Self::of(&[name.trim_ascii().parse::<RecordCategory>()?]).0);
		}
		Ok(set)
	}
}

#[cfg(test)]
mod tests {
	use super::{alloc::format, *};
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
		for text in ["lab-results", "LabResults", "lab_results", "LAB_RESULTS", "labresults"] {
			assert_eq!(text.parse::<RecordCategory>(), Ok(RecordCategory::LabResults), "{text}");
		}
		// What the gateway's database held before names: the variant's own spelling.
		assert_eq!("EmergencyTreatment".parse::<Purpose>(), Ok(Purpose::EmergencyTreatment));
		assert_eq!("manage-consent".parse(), Ok(RepresentativeScope::ManageConsent));
		assert_eq!("read-append".parse(), Ok(AccessLevel::ReadAppend));
	}

	#[test]
	fn case_and_the_separator_between_words_are_forgiven() {
		for (text, purpose) in [
			("treatment", Purpose::Treatment),
			("TREATMENT", Purpose::Treatment),
			("patient-request", Purpose::PatientRequest),
			("patient_request", Purpose::PatientRequest),
			("Patient_Request", Purpose::PatientRequest),
			("patientrequest", Purpose::PatientRequest),
			("emergency_TREATMENT", Purpose::EmergencyTreatment),
		] {
			assert_eq!(text.parse::<Purpose>(), Ok(purpose), "{text}");
		}
	}

	#[test]
	fn the_variants_own_spelling_still_reads() {
		// The gateway's database held `Debug` text before names: `Treatment`, `LabResults`.
		for purpose in Purpose::ALL {
			assert_eq!(format!("{purpose:?}").parse::<Purpose>(), Ok(purpose));
		}
		for category in RecordCategory::ALL {
			assert_eq!(format!("{category:?}").parse::<RecordCategory>(), Ok(category));
		}
		assert_eq!("Treatment".parse::<Purpose>(), Ok(Purpose::Treatment));
		assert_eq!("ReadAppend".parse(), Ok(AccessLevel::ReadAppend));
		assert_eq!("ViewRecords".parse(), Ok(RepresentativeScope::ViewRecords));
		assert_eq!("NotAPatient".parse(), Ok(Denial::NotAPatient));
	}

	#[test]
	fn any_other_character_makes_a_name_of_nothing() {
		for text in [
			"",
			"treatment\u{200b}",
			"treat\u{200b}ment",
			"\u{200b}treatment",
			"\u{feff}treatment",
			"tr\u{0435}atment",
			"\u{ff54}reatment",
			"treatme\u{301}nt",
			"patient request",
			"patient\u{a0}request",
			" treatment",
			"treatment ",
			"treatment\n",
			"patient.request",
			"patient/request",
			"treat-ment",
			"-treatment",
			"treatment_",
			"patient--request",
			"patient-_request",
		] {
			let refused = text.parse::<Purpose>().expect_err(text);
			assert_eq!(
				refused,
				UnknownName { text: text.to_string(), kind: "purpose", names: Purpose::NAMES }
			);
		}
		assert!("lab results".parse::<RecordCategory>().is_err());
		assert!("read\u{200b}-append".parse::<AccessLevel>().is_err());
		// The message shows the character a person cannot see.
		let refused = "treatment\u{200b}".parse::<Purpose>().unwrap_err().to_string();
		assert!(refused.starts_with("'treatment\\u{200b}' is not a purpose"), "{refused}");
	}

	#[test]
	fn names_are_lower_case_words_joined_by_single_hyphens() {
		// What `spells` assumes of a name.
		let names = [
			RecordCategory::NAMES,
			Purpose::NAMES,
			AccessLevel::NAMES,
			RepresentativeScope::NAMES,
			Denial::NAMES,
		];
		for name in names.concat() {
			assert!(
				name.split('-').all(|word| {
					!word.is_empty()
						&& word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
				}),
				"{name}"
			);
		}
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
	fn category_lists_take_ascii_spaces_around_names_and_nothing_else() {
		let set = CategorySet::of(&[RecordCategory::LabResults, RecordCategory::MentalHealth]);
		for text in [
			"lab-results, mental-health",
			" lab_results ,\tMentalHealth\n",
			"LAB-RESULTS,MENTAL_HEALTH",
		] {
			assert_eq!(text.parse(), Ok(set), "{text:?}");
		}
		assert_eq!(" ALL ".parse(), Ok(CategorySet::all()));
		assert_eq!(" none".parse(), Ok(CategorySet::empty()));
		for (text, name) in [
			("lab-results,\u{200b}mental-health", "\u{200b}mental-health"),
			("lab-results, mental\u{200b}health", "mental\u{200b}health"),
			("lab-results,\u{a0}mental-health", "\u{a0}mental-health"),
			("lab results, mental-health", "lab results"),
			("l\u{0430}b-results", "l\u{0430}b-results"),
			("\u{3000}all", "\u{3000}all"),
		] {
			let refused = text.parse::<CategorySet>().expect_err(text);
			assert_eq!(refused.text, name, "{text:?}");
			assert_eq!(refused.kind, "record category");
		}
	}

	#[test]
	fn labels_keep_their_hl7_codes_as_their_text() {
		for label in SensitivityLabel::ALL {
			assert_eq!(SensitivityLabel::from_hl7_code(label.hl7_code()), Some(label));
		}
	}
}
