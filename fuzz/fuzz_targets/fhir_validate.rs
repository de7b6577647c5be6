//! The gateway's check of an upload (`fhir::validate`) and of the labels staff declare with it
//! (`fhir::parse_labels`), on any body and any declared labels.
//!
//! Input: a first line with the declared labels, then the body. The line is what `?labels=`
//! carries (`PSY,hiv`), or `0x` and the raw bits of a `LabelSet`, valid or not; an input
//! without a newline is a body with no labels declared. Seeds are in `fuzz/seeds/fhir_validate`.
//!
//! Neither function may panic. Besides:
//! - declared labels that parse are valid, and their HL7 codes parse back to them;
//! - an accepted upload had valid declared labels, keeps every one of them, and carries every
//!   label the detection table (`fhir::labels_needed`) asks for its codes: a sensitive record
//!   is never filed as an ordinary one;
//! - what is stored carries its labels: validating the stored resource again, with nothing
//!   declared, gives the same type, class and labels;
//! - a refusal for missing labels names labels, and declaring them makes the upload acceptable
//!   (the error says what to do, and doing it is enough).

#![no_main]

use libfuzzer_sys::fuzz_target;
use medledger_client::types::{LabelSet, SensitivityLabel};
use medledger_gateway::fhir::{labels_needed, parse_labels, validate, Invalid};

fuzz_target!(|data: &[u8]| {
	let (line, body) = match data.iter().position(|b| *b == b'\n') {
		Some(newline) => (&data[..newline], &data[newline + 1..]),
		None => (&[][..], data),
	};
	if let Some(declared) = declared_labels(line) {
		upload(body, declared);
	}
});

/// The labels the first line declares; `None` when the gateway would refuse them (400).
fn declared_labels(line: &[u8]) -> Option<LabelSet> {
	let line = std::str::from_utf8(line).ok()?;
	if let Some(bits) = line.strip_prefix("0x") {
		return u16::from_str_radix(bits, 16).ok().map(LabelSet);
	}
	match parse_labels(line) {
		Ok(labels) => {
			assert!(labels.is_valid(), "'{line}' parsed to bits that name no label: {labels:?}");
			let codes = labels.iter().map(SensitivityLabel::hl7_code).collect::<Vec<_>>().join(",");
			assert_eq!(parse_labels(&codes), Ok(labels), "the codes of {labels:?} parse otherwise");
			Some(labels)
		},
		Err(refused) => {
			assert!(
				matches!(refused, Invalid::UnknownLabel(..)),
				"'{line}' refused as {refused:?}"
			);
			let _ = refused.to_string();
			None
		},
	}
}

/// `body` uploaded with `declared`.
fn upload(body: &[u8], declared: LabelSet) {
	let resource = match validate(body, declared) {
		Ok(resource) => resource,
		Err(Invalid::Unlabelled { resource_type, missing, reasons }) => {
			assert!(declared.is_valid(), "invalid declared labels {declared:?} got this far");
			assert!(!missing.is_empty() && missing.is_valid(), "refused for {missing:?}");
			let relabelled = LabelSet(declared.0 | missing.0);
			if let Err(still) = validate(body, relabelled) {
				panic!(
					"a {resource_type} refused for missing {missing:?} ({reasons}) is refused \
					 again with them declared: {still}"
				);
			}
			return;
		},
		Err(refused) => {
			let _ = refused.to_string();
			return;
		},
	};
	assert!(declared.is_valid(), "accepted with declared bits that name no label: {declared:?}");
	assert!(resource.labels.is_valid(), "accepted with invalid labels {:?}", resource.labels);
	assert_eq!(
		resource.labels.0 & declared.0,
		declared.0,
		"declared labels {declared:?} were dropped: {:?}",
		resource.labels
	);
	for (label, reason) in labels_needed(&resource.json) {
		assert!(
			resource.labels.contains(label),
			"a {} was accepted without {label:?} ({reason}); labels {:?}",
			resource.resource_type,
			resource.labels
		);
	}

	let stored = serde_json::to_vec(&resource.json)
		.unwrap_or_else(|e| panic!("an accepted resource does not serialise: {e}"));
	let again = validate(&stored, LabelSet::empty())
		.unwrap_or_else(|e| panic!("the stored form of an accepted resource is refused: {e}"));
	assert_eq!(
		(&again.resource_type, again.category, again.labels),
		(&resource.resource_type, resource.category, resource.labels),
		"the stored resource validates otherwise"
	);
}
