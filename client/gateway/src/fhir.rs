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

use medledger_client::types::{
	category_name, BlockNumber, CategorySet, GrantId, LabelSet, Purpose, RecordCategory,
	SensitivityLabel,
};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

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

/// The resource types held, and the field naming the patient.
const TYPES: [(&str, Option<&str>); 13] = [
	("Patient", None),
	("AllergyIntolerance", Some("patient")),
	("MedicationStatement", Some("subject")),
	("MedicationRequest", Some("subject")),
	("Condition", Some("subject")),
	("Observation", Some("subject")),
	("DiagnosticReport", Some("subject")),
	("ImagingStudy", Some("subject")),
	("Immunization", Some("patient")),
	("Procedure", Some("subject")),
	("DocumentReference", Some("subject")),
	("Composition", Some("subject")),
	("FamilyMemberHistory", Some("patient")),
];

/// A validated upload: the resource, its type, its class and its sensitivity labels.
#[derive(Debug)]
pub struct Resource {
	pub resource_type: String,
	/// The record's class: its category on chain.
	pub category: RecordCategory,
	/// Its sensitivity labels: those of `meta.security` and those the staff declared.
	pub labels: LabelSet,
	/// The resource as it is stored: the declared labels are in its `meta.security`.
	pub json: Value,
}

/// Parse and check an upload, decide its class, and gather its sensitivity labels: those in
/// its `meta.security` and `declared` (by the uploading staff, see [`parse_labels`]). Refused
/// when its codes say it is sensitive and a matching label is missing (see the module docs).
pub fn validate(body: &[u8], declared: LabelSet) -> Result<Resource, Invalid> {
	let mut json: Value =
		serde_json::from_slice(body).map_err(|e| Invalid::NotJson(e.to_string()))?;
	let resource_type =
		json.get("resourceType").and_then(Value::as_str).ok_or(Invalid::NotAResource)?.to_string();
	let Some((_, subject)) = TYPES.iter().find(|(t, _)| *t == resource_type) else {
		let accepted = TYPES.iter().map(|(t, _)| *t).collect::<Vec<_>>().join(", ");
		return Err(Invalid::UnsupportedType(resource_type, accepted));
	};
	if let Some(field) = subject {
		let reference = json.get(*field).and_then(|s| s.get("reference")).and_then(Value::as_str);
		if reference.is_none_or(str::is_empty) {
			return Err(Invalid::NoSubject(resource_type, field));
		}
	}
	if let Some(id) = json.get("id") {
		let ok = id.as_str().is_some_and(|id| {
			!id.is_empty()
				&& id.len() <= 64
				&& id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
		});
		if !ok {
			return Err(Invalid::Malformed("id must be 1 to 64 of A-Z a-z 0-9 - .".into()));
		}
	}
	let category = category_of(&resource_type, &json)?;
	if !declared.is_valid() {
		return Err(Invalid::Malformed("the declared labels hold bits that name no label".into()));
	}
	let labelled = security_labels(&json)?;
	let labels = LabelSet(labelled.0 | declared.0);
	let (missing, reasons): (Vec<_>, Vec<_>) =
		labels_needed(&json).into_iter().filter(|(label, _)| !labels.contains(*label)).unzip();
	if !missing.is_empty() {
		let missing = LabelSet::of(&missing);
		return Err(Invalid::Unlabelled { resource_type, missing, reasons: reasons.join("; ") });
	}
	add_security_labels(&mut json, LabelSet(declared.0 & !labelled.0))?;
	Ok(Resource { resource_type, category, labels, json })
}

/// Sensitivity labels as staff declare them on upload: HL7 codes separated by commas
/// (`PSY,HIV`), in any case; an empty list is no label.
pub fn parse_labels(list: &str) -> Result<LabelSet, Invalid> {
	let labels = list
		.split(',')
		.map(str::trim)
		.filter(|code| !code.is_empty())
		.map(|code| {
			SensitivityLabel::from_hl7_code(&code.to_ascii_uppercase()).ok_or_else(|| {
				Invalid::UnknownLabel(
					code.to_string(),
					label_codes(&LabelSet::of(&SensitivityLabel::ALL)),
				)
			})
		})
		.collect::<Result<Vec<_>, _>>()?;
	Ok(LabelSet::of(&labels))
}

/// The HL7 codes of `labels`, comma separated.
fn label_codes(labels: &LabelSet) -> String {
	labels.iter().map(SensitivityLabel::hl7_code).collect::<Vec<_>>().join(",")
}

/// The labels in `meta.security`: codings of the HL7 system with one of our codes. Others
/// (confidentiality codes, other systems) are not labels of ours and are ignored.
fn security_labels(json: &Value) -> Result<LabelSet, Invalid> {
	let Some(meta) = json.get("meta") else { return Ok(LabelSet::empty()) };
	if !meta.is_object() {
		return Err(Invalid::Malformed("meta must be an object".into()));
	}
	let Some(security) = meta.get("security") else { return Ok(LabelSet::empty()) };
	let Some(codings) = security.as_array() else {
		return Err(Invalid::Malformed(
			"meta.security must be a list of codings, e.g. [{\"system\": \"http://terminology.hl7.org/CodeSystem/v3-ActCode\", \"code\": \"PSY\"}]".into(),
		));
	};
	let labels = codings
		.iter()
		.filter(|c| c.get("system").and_then(Value::as_str) == Some(SensitivityLabel::HL7_SYSTEM))
		.filter_map(|c| c.get("code").and_then(Value::as_str))
		.filter_map(SensitivityLabel::from_hl7_code)
		.collect::<Vec<_>>();
	Ok(LabelSet::of(&labels))
}

/// Add `labels` to the resource's `meta.security`.
fn add_security_labels(json: &mut Value, labels: LabelSet) -> Result<(), Invalid> {
	if labels.is_empty() {
		return Ok(());
	}
	let resource = json.as_object_mut().ok_or(Invalid::NotAResource)?;
	let meta = resource.entry("meta").or_insert_with(|| json!({}));
	let security = meta
		.as_object_mut()
		.ok_or_else(|| Invalid::Malformed("meta must be an object".into()))?
		.entry("security")
		.or_insert_with(|| json!([]));
	let codings = security
		.as_array_mut()
		.ok_or_else(|| Invalid::Malformed("meta.security must be a list of codings".into()))?;
	codings.extend(labels.iter().map(security_label));
	Ok(())
}

/// A label as a FHIR Coding.
fn security_label(label: SensitivityLabel) -> Value {
	json!({ "system": SensitivityLabel::HL7_SYSTEM, "code": label.hl7_code() })
}

const ICD10: [&str; 2] = ["http://hl7.org/fhir/sid/icd-10", "http://hl7.org/fhir/sid/icd-10-cm"];
const LOINC: &str = "http://loinc.org";
const SNOMED: &str = "http://snomed.info/sct";
/// HL7 v2 table 0074, diagnostic service section.
const DIAGNOSTIC_SERVICE: &str = "http://terminology.hl7.org/CodeSystem/v2-0074";

/// What a coding must be for a [`Rule`] to apply.
#[derive(Clone, Copy, Debug)]
pub enum Match {
	/// An ICD-10 or ICD-10-CM code whose category (its first three characters) is in the
	/// range, both ends included.
	Icd10(&'static str, &'static str),
	/// An ICD-10 or ICD-10-CM code of this subcategory, written without the dot.
	Icd10Under(&'static str),
	/// This code of this system.
	Code(&'static str, &'static str),
}

impl Match {
	fn matches(self, system: &str, code: &str) -> bool {
		match self {
			Match::Icd10(from, to) => icd10(system, code).is_some_and(|c| {
				c.get(..3).is_some_and(|category| (from..=to).contains(&category))
			}),
			Match::Icd10Under(prefix) => icd10(system, code).is_some_and(|c| c.starts_with(prefix)),
			Match::Code(s, c) => system == s && code == c,
		}
	}
}

/// An ICD-10 code, upper case and without its dot, if `system` is ICD-10 or ICD-10-CM.
fn icd10(system: &str, code: &str) -> Option<String> {
	ICD10.contains(&system).then(|| {
		code.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_uppercase()).collect()
	})
}

/// Codes that make a record sensitive, and the label such a record must carry.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
	pub matches: Match,
	pub label: SensitivityLabel,
	/// What the codes are, as the refusal says it.
	pub why: &'static str,
}

const fn rule(matches: Match, label: SensitivityLabel, why: &'static str) -> Rule {
	Rule { matches, label, why }
}

/// The detection table (see the module docs): each coding takes the first rule it matches.
pub const RULES: [Rule; 30] = {
	use Match::*;
	use SensitivityLabel::*;
	[
		// Substance use before the rest of chapter V.
		rule(Icd10("F10", "F19"), SubstanceAbuse, "ICD-10: due to psychoactive substance use"),
		rule(Icd10("F00", "F99"), Psychiatry, "ICD-10: mental and behavioural disorder"),
		rule(Icd10("B20", "B24"), Hiv, "ICD-10: HIV disease"),
		rule(Icd10("Z21", "Z21"), Hiv, "ICD-10: asymptomatic HIV infection status"),
		rule(Icd10("A50", "A64"), SexuallyTransmittedDisease, "ICD-10: sexually transmitted"),
		// Z3A and O9A are ICD-10-CM's.
		rule(Icd10("Z30", "Z3A"), SexualHealth, "ICD-10: related to reproduction"),
		rule(Icd10("O00", "O9A"), SexualHealth, "ICD-10: pregnancy, childbirth, puerperium"),
		rule(Icd10Under("T742"), SexualViolence, "ICD-10: sexual abuse"),
		rule(Icd10Under("T762"), SexualViolence, "ICD-10-CM: suspected sexual abuse"),
		rule(Icd10Under("Z044"), SexualViolence, "ICD-10: examination after alleged rape"),
		rule(Code(SNOMED, "394587001"), Psychiatry, "SNOMED CT: psychiatry"),
		rule(Code(SNOMED, "394588006"), Psychiatry, "SNOMED CT: child and adolescent psychiatry"),
		rule(Code(LOINC, "28627-8"), Psychiatry, "LOINC: psychiatry progress note"),
		rule(Code(LOINC, "28628-6"), Psychiatry, "LOINC: psychiatry note"),
		rule(Code(LOINC, "34788-0"), Psychiatry, "LOINC: psychiatry consult note"),
		rule(Code(LOINC, "59259-2"), Psychiatry, "LOINC: psychiatry discharge summary"),
		rule(Code(LOINC, "34792-2"), Psychiatry, "LOINC: psychology note"),
		rule(Code(LOINC, "11510-5"), Psychiatry, "LOINC: psychology progress note"),
		rule(Code(LOINC, "34786-4"), Psychiatry, "LOINC: mental health note"),
		rule(Code(LOINC, "34904-3"), Psychiatry, "LOINC: mental health progress note"),
		rule(Code(LOINC, "34864-9"), PsychotherapyNote, "LOINC: mental health counseling note"),
		rule(Code(LOINC, "34865-6"), PsychotherapyNote, "LOINC: psychiatry counseling note"),
		rule(Code(LOINC, "34866-4"), PsychotherapyNote, "LOINC: psychology counseling note"),
		rule(Code(LOINC, "34787-2"), PsychotherapyNote, "LOINC: mental health group counseling"),
		rule(Code(LOINC, "34790-6"), PsychotherapyNote, "LOINC: psychiatry group counseling"),
		rule(Code(LOINC, "34793-0"), PsychotherapyNote, "LOINC: psychology group counseling"),
		rule(Code(LOINC, "34857-3"), SubstanceAbuse, "LOINC: addiction medicine note"),
		rule(Code(DIAGNOSTIC_SERVICE, "GE"), GeneticDisease, "diagnostic service: genetics"),
		rule(Code(LOINC, "51969-4"), GeneticDisease, "LOINC: genetic analysis report"),
		rule(Code(LOINC, "69548-6"), GeneticDisease, "LOINC: genetic variant assessment"),
	]
};

/// The codings that say what a resource is about: its code (a document's type), a report's
/// conclusion codes, its categories and a document's practice setting.
fn classifying_codings(json: &Value) -> Vec<(&str, &str)> {
	["code", "type", "conclusionCode", "category"]
		.into_iter()
		.filter_map(|field| json.get(field))
		.chain(json.pointer("/context/practiceSetting"))
		.flat_map(|value| match value {
			Value::Array(concepts) => concepts.iter().collect::<Vec<_>>(),
			concept => vec![concept],
		})
		.flat_map(|concept| concept.get("coding").and_then(Value::as_array).into_iter().flatten())
		.filter_map(|coding| Some((coding.get("system")?.as_str()?, coding.get("code")?.as_str()?)))
		.collect()
}

/// The labels the resource's codes call for, each with the first code that calls for it.
pub fn labels_needed(json: &Value) -> Vec<(SensitivityLabel, String)> {
	let mut needed: Vec<(SensitivityLabel, String)> = Vec::new();
	for (system, code) in classifying_codings(json) {
		let Some(rule) = RULES.iter().find(|rule| rule.matches.matches(system, code)) else {
			continue;
		};
		if needed.iter().all(|(label, _)| *label != rule.label) {
			let reason = format!("{code} ({}) needs {}", rule.why, rule.label.hl7_code());
			needed.push((rule.label, reason));
		}
	}
	needed
}

fn category_codes(json: &Value) -> Vec<String> {
	json.get("category")
		.and_then(Value::as_array)
		.into_iter()
		.flatten()
		.flat_map(|c| c.get("coding").and_then(Value::as_array).into_iter().flatten())
		.filter_map(|coding| coding.get("code").and_then(Value::as_str))
		.map(str::to_ascii_lowercase)
		.collect()
}

fn category_of(resource_type: &str, json: &Value) -> Result<RecordCategory, Invalid> {
	use RecordCategory::*;
	Ok(match resource_type {
		"Patient" => Demographics,
		"AllergyIntolerance" => Allergies,
		"MedicationStatement" | "MedicationRequest" => Medications,
		"Condition" => Conditions,
		"Immunization" => Immunizations,
		"Procedure" => Procedures,
		"ImagingStudy" => Imaging,
		"FamilyMemberHistory" => Conditions,
		"DocumentReference" | "Composition" => ClinicalNotes,
		"Observation" => {
			let codes = category_codes(json);
			if codes.iter().any(|c| c == "vital-signs") {
				VitalSigns
			} else if codes.iter().any(|c| c == "laboratory") {
				LabResults
			} else if codes.iter().any(|c| c == "imaging") {
				Imaging
			} else if codes.iter().any(|c| c == "social-history") {
				SubstanceUse
			} else {
				return Err(Invalid::Malformed(
					"an Observation needs a category coding: laboratory, vital-signs, imaging or social-history".into(),
				));
			}
		},
		"DiagnosticReport" => {
			let codes = category_codes(json);
			// HL7 v2 table 0074: LAB and its sections; RAD and imaging sections.
			if codes.iter().any(|c| ["rad", "ct", "mri", "us", "xr", "nmr"].contains(&c.as_str())) {
				Imaging
			} else {
				LabResults
			}
		},
		other => return Err(Invalid::UnsupportedType(other.into(), String::new())),
	})
}

/// The URL of the extension that carries, on a dateTime of a Consent's period, the exact block
/// number the time stands for (`valueInteger`). Under the GitHub Pages site of the project's
/// organisation (the repository is github.com/medledger/medledger), where its
/// StructureDefinition is to be published; never change it, exports in the wild name it.
pub const BLOCK_NUMBER_EXTENSION: &str =
	"https://medledger.github.io/fhir/StructureDefinition/block-number";

/// What the consent export needs of the chain to turn block numbers into times.
#[derive(Clone, Debug, Default)]
pub struct BlockClock {
	/// The block the grants were read at (the finalized head).
	pub now_block: BlockNumber,
	/// Its timestamp, in milliseconds since the Unix epoch.
	pub now_ms: u64,
	/// The expected time between blocks (the runtime's slot duration), in milliseconds.
	pub block_time_ms: u64,
	/// The timestamps of earlier blocks, read from the chain (see [`past_blocks`]); a past
	/// block missing here is estimated backwards from now.
	pub past: BTreeMap<BlockNumber, u64>,
}

impl BlockClock {
	/// When `block` was produced, or is expected to be, in milliseconds since the Unix epoch.
	pub fn time_of(&self, block: BlockNumber) -> u64 {
		if let Some(ms) = self.past.get(&block) {
			return *ms;
		}
		if block >= self.now_block {
			let ahead = u64::from(block - self.now_block).saturating_mul(self.block_time_ms);
			self.now_ms.saturating_add(ahead)
		} else {
			let behind = u64::from(self.now_block - block).saturating_mul(self.block_time_ms);
			self.now_ms.saturating_sub(behind)
		}
	}
}

/// The blocks before `now_block` that the export of `grants` names: the ones whose timestamps
/// [`BlockClock::past`] should hold.
pub fn past_blocks(grants: &[ConsentGrant], now_block: BlockNumber) -> BTreeSet<BlockNumber> {
	grants
		.iter()
		.flat_map(|grant| [Some(grant.starts), grant.ends])
		.flatten()
		.filter(|block| *block < now_block)
		.collect()
}

/// The latest instant a FHIR dateTime can name, 9999-12-31T23:59:59.999Z, in milliseconds.
const LAST_FHIR_MS: u64 = 253_402_300_799_999;

/// A time in milliseconds since the Unix epoch as a FHIR dateTime, in UTC.
fn date_time(ms: u64) -> String {
	let ms = ms.min(LAST_FHIR_MS);
	let (days, rest) = (ms / 86_400_000, ms % 86_400_000);
	// The civil date of a day count (Howard Hinnant's `civil_from_days`), for days >= 0.
	let z = days + 719_468;
	let era = z / 146_097;
	let day_of_era = z - era * 146_097;
	let year_of_era =
		(day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
	let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	let month_from_march = (5 * day_of_year + 2) / 153;
	let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
	let month = if month_from_march < 10 { month_from_march + 3 } else { month_from_march - 9 };
	let year = era * 400 + year_of_era + u64::from(month <= 2);
	format!(
		"{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
		rest / 3_600_000,
		rest / 60_000 % 60,
		rest / 1_000 % 60,
		rest % 1_000
	)
}

/// The extension of a dateTime that stands for `block`.
fn block_number(block: BlockNumber) -> Value {
	json!({ "extension": [{ "url": BLOCK_NUMBER_EXTENSION, "valueInteger": block }] })
}

/// A grant, as the consent export needs it.
#[derive(Clone, Debug)]
pub struct ConsentGrant {
	pub id: GrantId,
	/// The grantee's SS58 address.
	pub grantee: String,
	pub categories: CategorySet,
	pub except: CategorySet,
	pub purpose: Purpose,
	/// The first block the grant holds.
	pub starts: BlockNumber,
	/// The first block it no longer holds, if it ends by itself.
	pub ends: Option<BlockNumber>,
	/// The block from which it stopped holding early: its revocation, or the closing of the
	/// patient's account that ended its consent epoch.
	pub revoked_at: Option<BlockNumber>,
}

/// A grant of `patient` as a FHIR R4 Consent resource (see the module docs).
pub fn consent_resource(patient: &str, grant: &ConsentGrant, clock: &BlockClock) -> Value {
	let classes = |set: CategorySet| -> Vec<Value> {
		set.iter()
			.map(|c| json!({ "system": "urn:medledger:record-category", "code": category_name(c) }))
			.collect()
	};
	let mut period = json!({
		"start": date_time(clock.time_of(grant.starts)),
		"_start": block_number(grant.starts),
	});
	if let Some(end) = grant.ends {
		period["end"] = json!(date_time(clock.time_of(end)));
		period["_end"] = block_number(end);
	}
	let mut provision = json!({
		"type": "permit",
		"period": period,
		"actor": [{
			"role": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP" }] },
			"reference": { "identifier": { "system": "urn:medledger:account", "value": grant.grantee } }
		}],
		"purpose": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": hl7_purpose(grant.purpose) }],
	});
	// FHIR JSON has no empty arrays.
	if !grant.categories.is_empty() {
		provision["class"] = json!(classes(grant.categories));
	}
	let mut denials = Vec::new();
	if !grant.except.is_empty() {
		denials.push(json!({ "type": "deny", "class": classes(grant.except) }));
	}
	// A labelled record needs its labels' categories too: each sensitive category the grant
	// does not release withholds every record carrying one of its labels, whatever its class.
	let released = grant.categories.without(grant.except);
	for category in RecordCategory::ALL.into_iter().filter(|c| !released.contains(*c)) {
		let labels: Vec<Value> = SensitivityLabel::ALL
			.into_iter()
			.filter(|label| label.category() == category)
			.map(security_label)
			.collect();
		if !labels.is_empty() {
			denials.push(json!({ "type": "deny", "securityLabel": labels }));
		}
	}
	if !denials.is_empty() {
		provision["provision"] = json!(denials);
	}
	let ended = |block: Option<BlockNumber>| block.is_some_and(|b| b <= clock.now_block);
	let active = !ended(grant.revoked_at) && !ended(grant.ends);
	json!({
		"resourceType": "Consent",
		"id": format!("medledger-grant-{}", grant.id.0),
		"status": if active { "active" } else { "inactive" },
		"scope": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy" }] },
		"category": [{ "coding": [{ "system": "http://loinc.org", "code": "59284-0" }] }],
		"patient": { "identifier": { "system": "urn:medledger:account", "value": patient } },
		"policyRule": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN" }] },
		"provision": provision,
	})
}

/// `patient`'s grants as a FHIR Bundle (a collection) of Consent resources, stamped with the
/// time of the block they were read at.
pub fn consent_bundle(patient: &str, grants: &[ConsentGrant], clock: &BlockClock) -> Value {
	let mut bundle = json!({
		"resourceType": "Bundle",
		"type": "collection",
		"timestamp": date_time(clock.now_ms),
	});
	if !grants.is_empty() {
		bundle["entry"] = grants
			.iter()
			.map(|grant| json!({ "resource": consent_resource(patient, grant, clock) }))
			.collect();
	}
	bundle
}

/// HL7 v3 PurposeOfUse codes for MedLedger's purposes.
fn hl7_purpose(purpose: Purpose) -> &'static str {
	match purpose {
		Purpose::Treatment => "TREAT",
		Purpose::EmergencyTreatment => "ETREAT",
		Purpose::Research => "HRESCH",
		Purpose::Payment => "HPAYMT",
		Purpose::FamilyCare => "FAMRQT",
		Purpose::PatientRequest => "PATRQT",
		Purpose::PublicHealth => "PUBHLTH",
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use SensitivityLabel::*;

	fn observation(category: &str) -> Vec<u8> {
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

	fn bytes(json: Value) -> Vec<u8> {
		json.to_string().into_bytes()
	}

	/// A Condition coded `system`/`code`, with these `meta.security` codings.
	fn condition(system: &str, code: &str, security: Value) -> Value {
		json!({
			"resourceType": "Condition",
			"meta": { "security": security },
			"code": { "coding": [{ "system": system, "code": code }] },
			"subject": { "reference": "Patient/zoe" }
		})
	}

	fn labelled(codes: &[&str]) -> Value {
		codes
			.iter()
			.map(|code| json!({ "system": SensitivityLabel::HL7_SYSTEM, "code": code }))
			.collect()
	}

	/// The labels an upload lacks, if it is refused for lacking labels.
	fn missing(body: Value) -> Option<LabelSet> {
		match validate(&bytes(body), LabelSet::empty()) {
			Err(Invalid::Unlabelled { missing, .. }) => Some(missing),
			Ok(_) => None,
			Err(other) => panic!("refused for another reason: {other}"),
		}
	}

	fn only(label: SensitivityLabel) -> Option<LabelSet> {
		Some(LabelSet::of(&[label]))
	}

	#[test]
	fn the_resource_type_decides_the_category() {
		let none = LabelSet::empty();
		assert_eq!(
			validate(&observation("laboratory"), none).unwrap().category,
			RecordCategory::LabResults
		);
		assert_eq!(
			validate(&observation("vital-signs"), none).unwrap().category,
			RecordCategory::VitalSigns
		);
		let allergy = json!({ "resourceType": "AllergyIntolerance", "patient": { "reference": "Patient/zoe" } });
		assert_eq!(validate(&bytes(allergy), none).unwrap().category, RecordCategory::Allergies);
		let note = json!({ "resourceType": "DocumentReference", "subject": { "reference": "Patient/zoe" } });
		assert_eq!(validate(&bytes(note), none).unwrap().category, RecordCategory::ClinicalNotes);
	}

	#[test]
	fn bad_uploads_are_refused_with_what_to_fix() {
		let none = LabelSet::empty();
		assert!(matches!(validate(b"{not json", none), Err(Invalid::NotJson(_))));
		assert_eq!(validate(b"[1,2]", none).unwrap_err(), Invalid::NotAResource);
		let unknown = validate(br#"{"resourceType":"Bundle"}"#, none).unwrap_err().to_string();
		assert!(unknown.contains("Observation"), "{unknown}");
		let orphan = json!({ "resourceType": "Condition" });
		assert!(matches!(validate(&bytes(orphan), none), Err(Invalid::NoSubject(..))));
		let uncategorised =
			json!({ "resourceType": "Observation", "subject": { "reference": "Patient/1" } });
		assert!(matches!(validate(&bytes(uncategorised), none), Err(Invalid::Malformed(_))));
		let bad_id = json!({ "resourceType": "Patient", "id": "../../etc" });
		assert!(matches!(validate(&bytes(bad_id), none), Err(Invalid::Malformed(_))));
		let bad_security = json!({ "resourceType": "Patient", "meta": { "security": "PSY" } });
		assert!(matches!(validate(&bytes(bad_security), none), Err(Invalid::Malformed(_))));
	}

	#[test]
	fn a_psychiatric_condition_needs_psy_and_the_refusal_says_how_to_label_it() {
		let depression = condition(ICD10[0], "F32.9", json!([]));
		assert_eq!(missing(depression.clone()), only(Psychiatry));
		let refusal = validate(&bytes(depression), LabelSet::empty()).unwrap_err().to_string();
		assert!(refusal.contains("F32.9"), "{refusal}");
		assert!(refusal.contains("?labels=PSY"), "{refusal}");
		assert!(refusal.contains(SensitivityLabel::HL7_SYSTEM), "{refusal}");
	}

	#[test]
	fn each_icd10_rule_fires_at_its_bounds_and_not_outside() {
		let cm = ICD10[1];
		for (code, label) in [
			("F10.20", SubstanceAbuse),
			("F19", SubstanceAbuse),
			("F09", Psychiatry),
			("F20.0", Psychiatry),
			("F99", Psychiatry),
			("B20", Hiv),
			("B24", Hiv),
			("Z21", Hiv),
			("A50.0", SexuallyTransmittedDisease),
			("A64", SexuallyTransmittedDisease),
			("Z30.0", SexualHealth),
			("Z39.2", SexualHealth),
			("O04.5", SexualHealth),
			("O9A.1", SexualHealth),
			("T74.21XA", SexualViolence),
			("T76.22", SexualViolence),
			("Z04.41", SexualViolence),
			("z3a10", SexualHealth),
		] {
			assert_eq!(missing(condition(cm, code, json!([]))), only(label), "{code}");
		}
		for code in
			["E11.9", "G00", "B25", "A49", "A65", "Z29", "Z40", "T74.1", "T76.3", "Z04.3", "P00"]
		{
			assert_eq!(missing(condition(cm, code, json!([]))), None, "{code}");
		}
		// The same code in another system is not an ICD-10 code.
		assert_eq!(missing(condition(SNOMED, "F32.9", json!([]))), None);
	}

	#[test]
	fn every_rule_of_the_table_fires() {
		for rule in RULES {
			let (system, code) = match rule.matches {
				Match::Icd10(from, _) => (ICD10[0], from),
				Match::Icd10Under(prefix) => (ICD10[1], prefix),
				Match::Code(system, code) => (system, code),
			};
			assert_eq!(
				missing(condition(system, code, json!([]))),
				only(rule.label),
				"{}",
				rule.why
			);
			let with_label = condition(system, code, labelled(&[rule.label.hl7_code()]));
			assert_eq!(missing(with_label), None, "{}", rule.why);
		}
	}

	#[test]
	fn a_psychotherapy_note_needs_psythpn_and_a_consult_note_no_label() {
		let note = |loinc: &str, security: Value| {
			json!({
				"resourceType": "DocumentReference",
				"meta": { "security": security },
				"type": { "coding": [{ "system": LOINC, "code": loinc }] },
				"subject": { "reference": "Patient/zoe" }
			})
		};
		assert_eq!(missing(note("34866-4", json!([]))), only(PsychotherapyNote));
		assert_eq!(missing(note("34866-4", labelled(&["PSY"]))), only(PsychotherapyNote));
		assert_eq!(missing(note("34866-4", labelled(&["PSYTHPN"]))), None);
		assert_eq!(missing(note("11488-4", json!([]))), None);
		assert_eq!(missing(note("47042-7", json!([]))), None);
		let composition = json!({
			"resourceType": "Composition",
			"type": { "coding": [{ "system": LOINC, "code": "34790-6" }] },
			"subject": { "reference": "Patient/zoe" }
		});
		assert_eq!(missing(composition), only(PsychotherapyNote));
	}

	#[test]
	fn a_note_from_psychiatry_needs_psy() {
		let note = json!({
			"resourceType": "DocumentReference",
			"type": { "coding": [{ "system": LOINC, "code": "11506-3" }] },
			"context": { "practiceSetting": { "coding": [{ "system": SNOMED, "code": "394587001" }] } },
			"subject": { "reference": "Patient/zoe" }
		});
		assert_eq!(missing(note), only(Psychiatry));
		let categorised = json!({
			"resourceType": "Condition",
			"category": [{ "coding": [{ "system": SNOMED, "code": "394588006" }] }],
			"subject": { "reference": "Patient/zoe" }
		});
		assert_eq!(missing(categorised), only(Psychiatry));
	}

	#[test]
	fn a_genetics_report_needs_gdis() {
		let report = |category: &str, conclusion: &str| {
			json!({
				"resourceType": "DiagnosticReport",
				"category": [{ "coding": [{ "system": DIAGNOSTIC_SERVICE, "code": category }] }],
				"code": { "coding": [{ "system": LOINC, "code": "24323-8" }] },
				"conclusionCode": [{ "coding": [{ "system": ICD10[0], "code": conclusion }] }],
				"subject": { "reference": "Patient/zoe" }
			})
		};
		assert_eq!(missing(report("GE", "E84.0")), only(GeneticDisease));
		assert_eq!(missing(report("CH", "E84.0")), None);
		// A diagnosis in a report's conclusion counts as much as one in a Condition.
		assert_eq!(missing(report("CH", "B20")), only(Hiv));
		let both = report("GE", "F20.0");
		assert_eq!(missing(both), Some(LabelSet::of(&[Psychiatry, GeneticDisease])));
		let labelled_report = report("GE", "E84.0");
		let accepted = validate(&bytes(labelled_report), LabelSet::of(&[GeneticDisease])).unwrap();
		assert_eq!(accepted.category, RecordCategory::LabResults);
		assert_eq!(accepted.labels, LabelSet::of(&[GeneticDisease]));
	}

	#[test]
	fn labels_are_read_from_meta_security_and_unknown_codes_are_ignored() {
		let security = json!([
			{ "system": SensitivityLabel::HL7_SYSTEM, "code": "HIV" },
			{ "system": SensitivityLabel::HL7_SYSTEM, "code": "ETH" },
			// Not labels of ours: a confidentiality code, our code in another system, a
			// lower-case code (HL7 codes are case sensitive), a coding without a code.
			{ "system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "R" },
			{ "system": "http://example.org/labels", "code": "PSY" },
			{ "system": SensitivityLabel::HL7_SYSTEM, "code": "psy" },
			{ "system": SensitivityLabel::HL7_SYSTEM, "code": "NOPE" },
			{ "system": SensitivityLabel::HL7_SYSTEM },
		]);
		let hiv = condition(ICD10[0], "B20", security.clone());
		let accepted = validate(&bytes(hiv), LabelSet::empty()).unwrap();
		assert_eq!(accepted.category, RecordCategory::Conditions);
		assert_eq!(accepted.labels, LabelSet::of(&[Hiv, SubstanceAbuse]));
		assert_eq!(accepted.json["meta"]["security"], security, "the stored labels are as sent");
		assert_eq!(missing(condition(ICD10[0], "F32.9", security)), only(Psychiatry));
	}

	#[test]
	fn declared_labels_satisfy_the_rules_and_are_stored_in_meta_security() {
		let depression = condition(ICD10[0], "F32.9", labelled(&["HIV"]));
		let accepted = validate(&bytes(depression), parse_labels("psy, HIV").unwrap()).unwrap();
		assert_eq!(accepted.labels, LabelSet::of(&[Psychiatry, Hiv]));
		assert_eq!(accepted.json["meta"]["security"], labelled(&["HIV", "PSY"]));
		let plain = json!({ "resourceType": "Patient" });
		let accepted = validate(&bytes(plain), LabelSet::of(&[GeneticDisease])).unwrap();
		assert_eq!(accepted.json["meta"]["security"], labelled(&["GDIS"]));
		assert!(validate(&observation("laboratory"), LabelSet(1 << 15)).is_err());
	}

	#[test]
	fn labels_parse_as_staff_type_them() {
		assert_eq!(parse_labels("").unwrap(), LabelSet::empty());
		assert_eq!(parse_labels(" , ").unwrap(), LabelSet::empty());
		assert_eq!(parse_labels("PSY,HIV").unwrap(), LabelSet::of(&[Psychiatry, Hiv]));
		assert_eq!(
			parse_labels("psythpn, eth ,GDIS").unwrap(),
			LabelSet::of(&[PsychotherapyNote, SubstanceAbuse, GeneticDisease])
		);
		for label in SensitivityLabel::ALL {
			assert_eq!(parse_labels(label.hl7_code()).unwrap(), LabelSet::of(&[label]));
		}
		let wrong = parse_labels("PSY,mental-health").unwrap_err();
		assert!(matches!(wrong, Invalid::UnknownLabel(ref code, _) if code == "mental-health"));
		let wrong = wrong.to_string();
		assert!(wrong.contains("PSY,PSYTHPN,ETH,SDV,SEX,STD,HIV,GDIS"), "{wrong}");
	}

	#[test]
	fn times_are_fhir_date_times() {
		assert_eq!(date_time(0), "1970-01-01T00:00:00.000Z");
		assert_eq!(date_time(951_782_400_000), "2000-02-29T00:00:00.000Z");
		assert_eq!(date_time(1_709_251_199_999), "2024-02-29T23:59:59.999Z");
		assert_eq!(date_time(u64::MAX), "9999-12-31T23:59:59.999Z");
	}

	/// Block 100 is now; block 10's timestamp is known; 6-second blocks.
	fn clock() -> BlockClock {
		BlockClock {
			now_block: 100,
			now_ms: 1_700_000_540_000,
			block_time_ms: 6_000,
			past: BTreeMap::from([(10, 1_700_000_000_000)]),
		}
	}

	fn grants() -> Vec<ConsentGrant> {
		vec![
			// Everything but mental health, for treatment, for a day from now.
			ConsentGrant {
				id: GrantId(7),
				grantee: "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty".into(),
				categories: CategorySet::all(),
				except: CategorySet::of(&[RecordCategory::MentalHealth]),
				purpose: Purpose::Treatment,
				starts: 10,
				ends: Some(14_500),
				revoked_at: None,
			},
			// Lab results for research, genomics excepted, revoked.
			ConsentGrant {
				id: GrantId(8),
				grantee: "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y".into(),
				categories: CategorySet::of(&[
					RecordCategory::LabResults,
					RecordCategory::Genomics,
				]),
				except: CategorySet::of(&[RecordCategory::Genomics]),
				purpose: Purpose::Research,
				starts: 5,
				ends: None,
				revoked_at: Some(90),
			},
		]
	}

	const ZOE: &str = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";

	fn codes(values: &Value) -> Vec<&str> {
		values.as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect()
	}

	#[test]
	fn a_grant_exports_its_period_as_times_with_the_block_numbers() {
		let grants = grants();
		let consent = consent_resource(ZOE, &grants[0], &clock());
		let period = &consent["provision"]["period"];
		// Block 10 at its timestamp; block 14 500, a day of blocks ahead, at its expected time.
		assert_eq!(period["start"], "2023-11-14T22:13:20.000Z");
		assert_eq!(period["end"], "2023-11-15T22:22:20.000Z");
		assert_eq!(period["_start"]["extension"][0]["url"], BLOCK_NUMBER_EXTENSION);
		assert_eq!(period["_start"]["extension"][0]["valueInteger"], 10);
		assert_eq!(period["_end"]["extension"][0]["valueInteger"], 14_500);
		// A past block whose timestamp was not read is estimated backwards from now.
		let revoked = consent_resource(ZOE, &grants[1], &clock());
		assert_eq!(revoked["provision"]["period"]["start"], "2023-11-14T22:12:50.000Z");
		assert!(revoked["provision"]["period"].get("end").is_none());
		assert_eq!(past_blocks(&grants, 100), BTreeSet::from([5, 10]));
	}

	#[test]
	fn a_grant_exports_as_a_consent_that_withholds_labelled_records() {
		let grants = grants();
		let consent = consent_resource(ZOE, &grants[0], &clock());
		assert_eq!(consent["resourceType"], "Consent");
		assert_eq!(consent["id"], "medledger-grant-7");
		assert_eq!(consent["status"], "active");
		assert_eq!(consent["provision"]["purpose"][0]["code"], "TREAT");
		assert_eq!(consent["provision"]["class"].as_array().unwrap().len(), 14);
		let denials = consent["provision"]["provision"].as_array().unwrap();
		assert_eq!(denials.len(), 2, "{denials:?}");
		assert_eq!(denials[0]["type"], "deny");
		assert_eq!(codes(&denials[0]["class"]), ["mental-health"]);
		assert_eq!(denials[1]["type"], "deny");
		assert_eq!(codes(&denials[1]["securityLabel"]), ["PSY", "PSYTHPN"]);
		assert_eq!(denials[1]["securityLabel"][0]["system"], SensitivityLabel::HL7_SYSTEM);

		// Genomics excepted; mental health, sexual health and substance use never granted:
		// records labelled with any of them are withheld too.
		let research = consent_resource(ZOE, &grants[1], &clock());
		assert_eq!(research["status"], "inactive", "revoked at block 90");
		let denials = research["provision"]["provision"].as_array().unwrap();
		assert_eq!(codes(&denials[0]["class"]), ["genomics"]);
		let labels: Vec<Vec<&str>> =
			denials[1..].iter().map(|d| codes(&d["securityLabel"])).collect();
		assert_eq!(
			labels,
			[vec!["PSY", "PSYTHPN"], vec!["SDV", "SEX", "STD", "HIV"], vec!["GDIS"], vec!["ETH"]]
		);
		let lapsed = BlockClock { now_block: 14_500, ..clock() };
		assert_eq!(consent_resource(ZOE, &grants[0], &lapsed)["status"], "inactive");
		assert!(consent_bundle(ZOE, &[], &clock()).get("entry").is_none());
	}

	/// The export is checked by `scripts/fhir_validate.py` (the `fhir.resources` R4B models),
	/// when `MEDLEDGER_FHIR_VALIDATOR` names a Python that has them; `scripts/test.sh` sets it
	/// and `MEDLEDGER_REQUIRE_FHIR_VALIDATOR`, which makes its absence a failure.
	#[test]
	fn the_consent_export_is_valid_fhir_to_an_independent_validator() {
		let Some(python) = std::env::var_os("MEDLEDGER_FHIR_VALIDATOR") else {
			assert!(
				std::env::var_os("MEDLEDGER_REQUIRE_FHIR_VALIDATOR").is_none(),
				"MEDLEDGER_REQUIRE_FHIR_VALIDATOR is set but MEDLEDGER_FHIR_VALIDATOR is not: \
				 run scripts/setup.sh and point it at the Python it makes"
			);
			println!(
				"skipped: set MEDLEDGER_FHIR_VALIDATOR to a Python with fhir.resources to validate the export"
			);
			return;
		};
		let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
		let script = manifest.join("../../scripts/fhir_validate.py");
		let validate = |file: &std::path::Path| {
			std::process::Command::new(&python).arg(&script).arg(file).output().unwrap()
		};
		let dir = tempfile::tempdir().unwrap();
		let export = dir.path().join("consents.json");
		let bundle = consent_bundle(ZOE, &grants(), &clock());
		std::fs::write(&export, serde_json::to_vec_pretty(&bundle).unwrap()).unwrap();
		let run = validate(&export);
		assert!(
			run.status.success(),
			"the validator refused the export:\n{}{}\n{bundle:#}",
			String::from_utf8_lossy(&run.stdout),
			String::from_utf8_lossy(&run.stderr)
		);
		// And it does refuse what is not FHIR: the old export's "block:8" period.
		let run = validate(&manifest.join("tests/fhir/consent-bad-period.json"));
		assert!(!run.status.success(), "the validator accepted a period of \"block:8\"");
	}
}
