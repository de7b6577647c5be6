//! Which uploads are acceptable, and the class of each (see the [`fhir`](super) module docs).

use super::{
	labels::{add_security_labels, labels_needed, security_labels},
	Invalid,
};
use medledger_client::types::{LabelSet, RecordCategory};
use serde_json::Value;

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
/// its `meta.security` and `declared` (by the uploading staff, see
/// [`parse_labels`](super::parse_labels)). Refused when its codes say it is sensitive and a
/// matching label is missing (see the [`fhir`](super) module docs).
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

#[cfg(test)]
mod tests {
	use super::*;
	use crate::fhir::testing::{bytes, observation};
	use serde_json::json;

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
}
