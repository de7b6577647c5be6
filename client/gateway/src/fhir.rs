//! FHIR R4: which uploads are acceptable, which record category a resource belongs to, and
//! grants exported as Consent resources.
//!
//! Validation is structural, not a full profile check: a JSON object whose `resourceType` is a
//! clinical resource this gateway holds, with a `subject` or `patient` reference where R4
//! requires one, and the fields that decide the category well formed. The category follows the
//! resource type, as US Core groups them; `Observation` and `DiagnosticReport` by their category
//! code (`laboratory`, `vital-signs`, imaging), a `DocumentReference` is a clinical note.

use medledger_client::types::{category_name, CategorySet, RecordCategory};
use serde_json::{json, Value};

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

/// A validated upload: the resource, its type and its record category.
#[derive(Debug)]
pub struct Resource {
	pub resource_type: String,
	pub category: RecordCategory,
	pub json: Value,
}

/// Parse and check an upload, and decide its category.
pub fn validate(body: &[u8]) -> Result<Resource, Invalid> {
	let json: Value = serde_json::from_slice(body).map_err(|e| Invalid::NotJson(e.to_string()))?;
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
	Ok(Resource { resource_type, category, json })
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

/// A grant as a FHIR R4 Consent resource (patient-privacy scope, permit, with the excepted
/// categories as nested deny provisions).
pub fn consent_resource(
	grant: u64,
	patient: &str,
	grantee: &str,
	categories: CategorySet,
	except: CategorySet,
	purpose: &str,
	starts: u64,
	ends: Option<u64>,
	active: bool,
) -> Value {
	let classes = |set: CategorySet| -> Vec<Value> {
		RecordCategory::ALL
			.into_iter()
			.filter(|c| set.contains(*c))
			.map(|c| json!({ "system": "urn:medledger:record-category", "code": category_name(c) }))
			.collect()
	};
	let mut period = json!({ "start": format!("block:{starts}") });
	if let Some(end) = ends {
		period["end"] = json!(format!("block:{end}"));
	}
	let mut provision = json!({
		"type": "permit",
		"period": period,
		"actor": [{
			"role": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP" }] },
			"reference": { "identifier": { "system": "urn:medledger:account", "value": grantee } }
		}],
		"purpose": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": hl7_purpose(purpose) }],
		"class": classes(categories),
	});
	if !except.is_empty() {
		provision["provision"] = json!([{ "type": "deny", "class": classes(except) }]);
	}
	json!({
		"resourceType": "Consent",
		"id": format!("medledger-grant-{grant}"),
		"status": if active { "active" } else { "inactive" },
		"scope": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy" }] },
		"category": [{ "coding": [{ "system": "http://loinc.org", "code": "59284-0" }] }],
		"patient": { "identifier": { "system": "urn:medledger:account", "value": patient } },
		"policyRule": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "OPTIN" }] },
		"provision": provision,
	})
}

/// HL7 v3 PurposeOfUse codes for MedLedger's purposes.
fn hl7_purpose(purpose: &str) -> &'static str {
	match purpose {
		"Treatment" => "TREAT",
		"EmergencyTreatment" => "ETREAT",
		"Research" => "HRESCH",
		"Payment" => "HPAYMT",
		"FamilyCare" => "FAMRQT",
		"PatientRequest" => "PATRQT",
		"PublicHealth" => "PUBHLTH",
		_ => "HOPERAT",
	}
}

#[cfg(test)]
mod tests {
	use super::*;

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

	#[test]
	fn the_resource_type_decides_the_category() {
		assert_eq!(
			validate(&observation("laboratory")).unwrap().category,
			RecordCategory::LabResults
		);
		assert_eq!(
			validate(&observation("vital-signs")).unwrap().category,
			RecordCategory::VitalSigns
		);
		let allergy = json!({ "resourceType": "AllergyIntolerance", "patient": { "reference": "Patient/zoe" } });
		assert_eq!(
			validate(allergy.to_string().as_bytes()).unwrap().category,
			RecordCategory::Allergies
		);
		let note = json!({ "resourceType": "DocumentReference", "subject": { "reference": "Patient/zoe" } });
		assert_eq!(
			validate(note.to_string().as_bytes()).unwrap().category,
			RecordCategory::ClinicalNotes
		);
	}

	#[test]
	fn bad_uploads_are_refused_with_what_to_fix() {
		assert!(matches!(validate(b"{not json"), Err(Invalid::NotJson(_))));
		assert_eq!(validate(b"[1,2]").unwrap_err(), Invalid::NotAResource);
		let unknown = validate(br#"{"resourceType":"Bundle"}"#).unwrap_err().to_string();
		assert!(unknown.contains("Observation"), "{unknown}");
		let orphan = json!({ "resourceType": "Condition" }).to_string();
		assert!(matches!(validate(orphan.as_bytes()), Err(Invalid::NoSubject(..))));
		let uncategorised =
			json!({ "resourceType": "Observation", "subject": { "reference": "Patient/1" } });
		assert!(matches!(
			validate(uncategorised.to_string().as_bytes()),
			Err(Invalid::Malformed(_))
		));
		let bad_id = json!({ "resourceType": "Patient", "id": "../../etc" });
		assert!(matches!(validate(bad_id.to_string().as_bytes()), Err(Invalid::Malformed(_))));
	}

	#[test]
	fn grants_export_as_consent_resources() {
		let consent = consent_resource(
			7,
			"5Zoe",
			"5Bob",
			CategorySet::all(),
			CategorySet::of(&[RecordCategory::MentalHealth]),
			"Treatment",
			10,
			Some(20),
			true,
		);
		assert_eq!(consent["resourceType"], "Consent");
		assert_eq!(consent["status"], "active");
		assert_eq!(consent["provision"]["purpose"][0]["code"], "TREAT");
		assert_eq!(consent["provision"]["provision"][0]["type"], "deny");
		assert_eq!(consent["provision"]["provision"][0]["class"][0]["code"], "mental-health");
		assert_eq!(consent["provision"]["class"].as_array().unwrap().len(), 14);
	}
}
