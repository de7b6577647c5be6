//! Sensitivity labels: those of `meta.security`, those staff declare, and the detection table
//! of the codes that call for one (see the [`fhir`](super) module docs).

use super::Invalid;
use medledger_client::types::{LabelSet, SensitivityLabel};
use serde_json::{json, Value};

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
pub(super) fn label_codes(labels: &LabelSet) -> String {
	labels.iter().map(SensitivityLabel::hl7_code).collect::<Vec<_>>().join(",")
}

/// The labels in `meta.security`: codings of the HL7 system with one of our codes. Others
/// (confidentiality codes, other systems) are not labels of ours and are ignored.
pub(super) fn security_labels(json: &Value) -> Result<LabelSet, Invalid> {
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
pub(super) fn add_security_labels(json: &mut Value, labels: LabelSet) -> Result<(), Invalid> {
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
pub(super) fn security_label(label: SensitivityLabel) -> Value {
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

/// The detection table (see the [`fhir`](super) module docs): each coding takes the first rule
/// it matches.
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

#[cfg(test)]
mod tests {
	use super::*;
	use crate::fhir::{
		testing::{bytes, observation},
		validate,
	};
	use medledger_client::types::RecordCategory;
	use SensitivityLabel::*;

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
}
