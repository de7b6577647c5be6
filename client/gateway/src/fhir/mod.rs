//! FHIR R4: which uploads are acceptable, the class and sensitivity labels of a record, and
//! grants exported as Consent resources.
//!
//! # Uploads
//!
//! Validation is structural, not a full profile check: a JSON object whose `resourceType` is a
//! clinical resource this gateway holds, with a `subject` or `patient` reference where R4
//! requires one, and the fields that decide the class well formed. The class (the record's
//! category on chain) follows the resource type, as US Core groups them; `Observation` and
//! `DiagnosticReport` by their category code (`laboratory`, `vital-signs`, imaging), a
//! `DocumentReference` is a clinical note.
//!
//! # Sensitivity labels
//!
//! A record also carries sensitivity labels ([`SensitivityLabel`]), and a grant must cover the
//! sensitive category of each of them as well as the class (see `docs/consent-model.md`). An
//! upload's labels are the codings of its `meta.security` whose system is
//! [`SensitivityLabel::HL7_SYSTEM`] and whose code is one of ours (other security codings, such
//! as confidentiality codes, are kept but ignored), plus the labels the uploading staff declare
//! ([`parse_labels`], e.g. `?labels=PSY,HIV`); declared labels are added to the stored
//! resource's `meta.security`, so the record carries them when it is released.
//!
//! An upload whose own codes say it is sensitive must carry the matching label, or it is refused
//! with the label to add: a psychiatric diagnosis is never filed as an ordinary condition. The
//! codes are looked for in the resource's `code`, `type` (documents), `conclusionCode`
//! (reports), `category` and `context.practiceSetting` (documents); each coding is tested
//! against [`RULES`] in order and the first rule it matches applies.
//!
//! | codes | label |
//! | --- | --- |
//! | ICD-10 or ICD-10-CM F10-F19 (disorders due to psychoactive substance use) | `ETH` |
//! | ICD-10 or ICD-10-CM chapter V, F00-F99 (mental and behavioural disorders), other than the above | `PSY` |
//! | ICD-10 B20-B24 (HIV disease), Z21 (asymptomatic HIV infection status) | `HIV` |
//! | ICD-10 A50-A64 (infections with a predominantly sexual mode of transmission) | `STD` |
//! | ICD-10 Z30-Z39, ICD-10-CM Z30-Z3A (encounters related to reproduction); chapter XV, O00-O99, ICD-10-CM O9A (pregnancy, childbirth) | `SEX` |
//! | ICD-10 T74.2 (sexual abuse), ICD-10-CM T76.2 (suspected sexual abuse), Z04.4 (examination after alleged rape) | `SDV` |
//! | SNOMED CT 394587001 Psychiatry, 394588006 Child and adolescent psychiatry (a category or practice setting) | `PSY` |
//! | LOINC psychiatry, psychology and mental health notes: 28627-8, 28628-6, 34788-0, 59259-2, 34792-2, 11510-5, 34786-4, 34904-3 | `PSY` |
//! | LOINC counseling notes of a mental health professional: 34864-9, 34865-6, 34866-4, and group counseling 34787-2, 34790-6, 34793-0 | `PSYTHPN` |
//! | LOINC 34857-3 Addiction medicine Note | `ETH` |
//! | HL7 v2 table 0074 `GE` (genetics) as a category | `GDIS` |
//! | LOINC 51969-4 Genetic analysis report, 69548-6 Genetic variant assessment | `GDIS` |
//!
//! ICD-10 means the systems `http://hl7.org/fhir/sid/icd-10` and `.../icd-10-cm`, with or
//! without the dot; LOINC is `http://loinc.org`, SNOMED CT `http://snomed.info/sct`, table 0074
//! `http://terminology.hl7.org/CodeSystem/v2-0074`. Psychotherapy notes are, as HIPAA defines
//! them (45 CFR 164.501), a mental health professional's notes of a counseling session, private
//! or in a group: the LOINC counseling notes whose subject is mental health, psychiatry or
//! psychology. LOINC's generic Consult note (11488-4) and Counseling note (47042-7) name no
//! such subject and need no label. Each rule needs its own label: a psychotherapy note labelled
//! only `PSY` is refused.
//!
//! The table is a safety net for the commonest codings, not a classifier: it does not read
//! laboratory test codes (an HIV antibody test), medications, free text or attachments. Labelling
//! a record remains the uploader's duty; the gateway refuses only what is plainly mislabelled.
//!
//! # Consent export
//!
//! A grant becomes a Consent resource (patient-privacy scope, permit, the granted classes) with
//! nested deny provisions: one with the excepted classes, and one per sensitive category the
//! grant does not release (excepted, or not granted) with that category's labels as
//! `securityLabel`, because a labelled record needs its labels' categories as well as its class.
//! A grant's period is in blocks; FHIR wants dateTimes, so each bound is the block's timestamp
//! if the block is produced, else its expected time (now plus the blocks to go times the block
//! time). The exact block number rides along as an extension of the dateTime,
//! [`BLOCK_NUMBER_EXTENSION`], `valueInteger` (FHIR's 32-bit integer: enough for 400 years of
//! 6-second blocks). The block number is the truth; a future time is an estimate.

mod consent;
mod labels;
mod validate;

pub use consent::{
	consent_bundle, consent_resource, past_blocks, BlockClock, ConsentGrant, BLOCK_NUMBER_EXTENSION,
};
pub use labels::{labels_needed, parse_labels, Match, Rule, RULES};
pub use validate::{validate, Resource};

use labels::label_codes;
use medledger_client::types::{LabelSet, SensitivityLabel};

/// Why an upload was refused.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
	#[error("the body is not JSON: {0}")]
	NotJson(String),
	#[error("a FHIR resource is a JSON object with a resourceType")]
	NotAResource,
	#[error("resourceType '{0}' is not a clinical resource this gateway holds; accepted: {1}")]
	UnsupportedType(String, String),
	#[error("a {0} must name its patient in '{1}' (a reference such as {{\"reference\": \"Patient/123\"}})")]
	NoSubject(String, &'static str),
	#[error("{0}")]
	Malformed(String),
	#[error(
		"this {resource_type} is sensitive but not labelled as such: {reasons}. Add each label to meta.security as a coding of {system}, or declare them on upload with ?labels={codes}",
		codes = label_codes(.missing),
		system = SensitivityLabel::HL7_SYSTEM
	)]
	Unlabelled { resource_type: String, missing: LabelSet, reasons: String },
	#[error("'{0}' is not a sensitivity label; use a comma-separated list of: {1}")]
	UnknownLabel(String, String),
}

/// Upload bodies the tests of more than one part share.
#[cfg(test)]
mod testing {
	use serde_json::{json, Value};

	pub(super) fn observation(category: &str) -> Vec<u8> {
		json!({
			"resourceType": "Observation",
			"id": "hba1c-1",
			"status": "final",
			"category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": category }] }],
			"code": { "coding": [{ "system": "http://loinc.org", "code": "4548-4" }] },
			"subject": { "reference": "Patient/zoe" },
			"valueQuantity": { "value": 6.1, "unit": "%" }
		})
		.to_string()
		.into_bytes()
	}

	pub(super) fn bytes(json: Value) -> Vec<u8> {
		json.to_string().into_bytes()
	}
}
