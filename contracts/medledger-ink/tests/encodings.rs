//! The ink! half of the encoding contract with the runtime: every value named in
//! `encodings.txt`, built with this crate's mirrors, encodes to the bytes written there, and
//! decodes back from them. The runtime's `runtime/tests/ink_encodings.rs` (in the node's
//! workspace) builds the same values with the chain's own types and checks them against the
//! same file, so the two sides of the consent chain extension agree byte for byte.

use ink::{env::Environment, primitives::AccountId};
use medledger_ink::{
	categories_of_record, AccessDecision, CategorySet, Denial, GrantId, LabelSet,
	MedLedgerEnvironment, Purpose, RecordCategory, RecordFacts, RecordId, SensitivityLabel,
};
use scale::{DecodeAll, Encode};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

/// The block number of the extension's `grant_valid_at`, as the environment declares it.
type BlockNumber = <MedLedgerEnvironment as Environment>::BlockNumber;

/// The shared fixture: `name 0xHEX` lines, `#` comments.
const FIXTURE: &str = include_str!("../encodings.txt");

/// `bytes` as `0x` and lower-case hex.
fn hex(bytes: &[u8]) -> String {
	let digits: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
	format!("0x{digits}")
}

/// The fixture's `(name, hex)` lines, comments and blank lines left out.
fn fixture() -> Vec<(&'static str, &'static str)> {
	FIXTURE
		.lines()
		.map(|line| line.split_once('#').map_or(line, |(before, _)| before).trim())
		.filter(|line| !line.is_empty())
		.map(|line| {
			let mut words = line.split_whitespace();
			match (words.next(), words.next(), words.next()) {
				(Some(name), Some(hex), None) => (name, hex),
				_ => panic!("encodings.txt: `{line}` is not `name 0xHEX`"),
			}
		})
		.collect()
}

/// The named values this side builds, encoded.
#[derive(Default)]
struct Encodings(Vec<(String, Vec<u8>)>);

impl Encodings {
	/// Encodes `value` under `name`, after checking that the encoding decodes back to it.
	fn add<T: Encode + DecodeAll + PartialEq + Debug>(&mut self, name: &str, value: T) {
		let bytes = value.encode();
		let decoded = T::decode_all(&mut &bytes[..]);
		assert_eq!(decoded.as_ref().ok(), Some(&value), "{name}: does not decode back");
		self.0.push((name.to_owned(), bytes));
	}
}

fn account(byte: u8) -> AccountId {
	AccountId::from([byte; 32])
}

/// Every value of the fixture, built with the mirrors. The runtime's test builds the same
/// values, in the same order, under the same names.
fn encodings() -> Encodings {
	let mut e = Encodings::default();
	let (one, two) = (account(1), account(2));

	let purposes = [
		("treatment", Purpose::Treatment),
		("emergency_treatment", Purpose::EmergencyTreatment),
		("research", Purpose::Research),
		("payment", Purpose::Payment),
		("family_care", Purpose::FamilyCare),
		("patient_request", Purpose::PatientRequest),
		("public_health", Purpose::PublicHealth),
	];
	for (name, purpose) in purposes {
		e.add(&format!("purpose_{name}"), purpose);
	}

	use RecordCategory as C;
	let categories = [
		("demographics", C::Demographics),
		("allergies", C::Allergies),
		("medications", C::Medications),
		("conditions", C::Conditions),
		("lab_results", C::LabResults),
		("vital_signs", C::VitalSigns),
		("imaging", C::Imaging),
		("immunizations", C::Immunizations),
		("procedures", C::Procedures),
		("clinical_notes", C::ClinicalNotes),
		("mental_health", C::MentalHealth),
		("sexual_and_reproductive_health", C::SexualAndReproductiveHealth),
		("genomics", C::Genomics),
		("substance_use", C::SubstanceUse),
	];
	for (name, category) in categories {
		e.add(&format!("category_{name}"), category);
	}

	use SensitivityLabel as L;
	let labels = [
		("psychiatry", L::Psychiatry),
		("psychotherapy_note", L::PsychotherapyNote),
		("substance_abuse", L::SubstanceAbuse),
		("sexual_violence", L::SexualViolence),
		("sexual_health", L::SexualHealth),
		("sexually_transmitted_disease", L::SexuallyTransmittedDisease),
		("hiv", L::Hiv),
		("genetic_disease", L::GeneticDisease),
	];
	for (name, label) in labels {
		e.add(&format!("label_{name}"), label);
	}

	let labs_and_genes = CategorySet::of(&[C::LabResults, C::Genomics]);
	e.add("category_set_empty", CategorySet::empty());
	e.add("category_set_all", CategorySet::all());
	e.add("category_set_lab_results", CategorySet::of(&[C::LabResults]));
	e.add("category_set_lab_results_genomics", labs_and_genes);
	e.add("category_set_raw_12345678", CategorySet(0x1234_5678));

	let psychiatry_hiv = LabelSet::of(&[L::Psychiatry, L::Hiv]);
	e.add(
		"categories_of_record_conditions_psychiatry_hiv",
		categories_of_record(C::Conditions, psychiatry_hiv),
	);
	e.add(
		"categories_of_record_demographics_all_labels",
		categories_of_record(C::Demographics, LabelSet::of(&SensitivityLabel::ALL)),
	);

	e.add("label_set_empty", LabelSet::empty());
	e.add("label_set_all", LabelSet::of(&SensitivityLabel::ALL));
	e.add("label_set_psychiatry_hiv", psychiatry_hiv);
	e.add("label_set_raw_1234", LabelSet(0x1234));

	e.add("record_id_0", RecordId(0));
	e.add("record_id_7", RecordId(7));
	e.add("record_id_0102030405060708", RecordId(0x0102_0304_0506_0708));
	e.add("record_id_max", RecordId(u64::MAX));
	e.add("grant_id_0", GrantId(0));
	e.add("grant_id_5", GrantId(5));
	e.add("grant_id_1122334455667788", GrantId(0x1122_3344_5566_7788));
	e.add("grant_id_max", GrantId(u64::MAX));

	let denials = [
		("not_a_patient", Denial::NotAPatient),
		("no_such_record", Denial::NoSuchRecord),
		("no_grant", Denial::NoGrant),
		("excepted", Denial::Excepted),
		("wrong_purpose", Denial::WrongPurpose),
		("not_yet_valid", Denial::NotYetValid),
		("expired", Denial::Expired),
		("revoked", Denial::Revoked),
		("provider_inactive", Denial::ProviderInactive),
	];
	for (name, denial) in denials {
		e.add(&format!("denial_{name}"), denial);
	}

	e.add("access_allowed_no_grant", AccessDecision::Allowed { grant: None });
	e.add("access_allowed_grant_5", AccessDecision::Allowed { grant: Some(GrantId(5)) });
	e.add(
		"access_allowed_grant_1122334455667788",
		AccessDecision::Allowed { grant: Some(GrantId(0x1122_3344_5566_7788)) },
	);
	for (name, denial) in denials {
		e.add(&format!("access_denied_{name}"), AccessDecision::Denied(denial));
	}

	let imaging = RecordFacts {
		patient: one,
		custodian: two,
		category: C::Imaging,
		labels: LabelSet::of(&[L::GeneticDisease]),
	};
	e.add("record_facts_imaging_genetic_disease", imaging);
	e.add(
		"record_facts_conditions_psychiatry_hiv",
		RecordFacts {
			patient: two,
			custodian: one,
			category: C::Conditions,
			labels: psychiatry_hiv,
		},
	);

	// The inputs, as `ConsentExtension` encodes them.
	let input: (AccountId, AccountId, CategorySet, Purpose) =
		(one, two, labs_and_genes, Purpose::Research);
	e.add("input_access_decision", input);
	let input: (AccountId, AccountId, CategorySet, Purpose) =
		(two, one, CategorySet::all(), Purpose::EmergencyTreatment);
	e.add("input_access_decision_all_emergency", input);
	let input: (AccountId, RecordId, Purpose) = (one, RecordId(7), Purpose::Payment);
	e.add("input_record_access", input);
	let input: (AccountId, RecordId, Purpose) = (two, RecordId(u64::MAX), Purpose::PublicHealth);
	e.add("input_record_access_max_public_health", input);
	let input: (GrantId, BlockNumber) = (GrantId(5), 42);
	e.add("input_grant_valid_at", input);
	let input: (GrantId, BlockNumber) = (GrantId(0x1122_3344_5566_7788), 0x0a0b_0c0d);
	e.add("input_grant_valid_at_0a0b0c0d", input);
	e.add("input_record", RecordId(7));
	e.add("input_is_patient", one);
	e.add("input_is_active_provider", two);
	e.add("input_grant_parties", GrantId(5));

	// The outputs besides the access decision.
	e.add("output_grant_valid_at_none", None::<bool>);
	e.add("output_grant_valid_at_true", Some(true));
	e.add("output_grant_valid_at_false", Some(false));
	e.add("output_record_none", None::<RecordFacts>);
	e.add("output_record_some", Some(imaging));
	e.add("output_bool_true", true);
	e.add("output_bool_false", false);
	e.add("output_grant_parties_none", None::<(AccountId, AccountId)>);
	e.add("output_grant_parties_some", Some((one, two)));

	e
}

#[test]
fn the_mirrors_encode_as_the_fixture_says() {
	let mut expected = BTreeMap::new();
	for (name, encoded) in fixture() {
		assert!(expected.insert(name, encoded).is_none(), "encodings.txt names `{name}` twice");
	}
	let built = encodings();
	let mut checked = BTreeSet::new();
	let mut problems = Vec::new();
	for (name, bytes) in &built.0 {
		assert!(checked.insert(name.as_str()), "the test builds `{name}` twice");
		let ours = hex(bytes);
		match expected.get(name.as_str()) {
			None => problems.push(format!("{name}: not in encodings.txt (the mirrors: {ours})")),
			Some(theirs) if !theirs.eq_ignore_ascii_case(&ours) => {
				problems.push(format!("{name}: encodings.txt has {theirs}, the mirrors {ours}"))
			},
			Some(_) => {},
		}
	}
	for name in expected.keys().filter(|name| !checked.contains(*name)) {
		problems.push(format!("{name}: in encodings.txt, but this test builds no such value"));
	}
	assert!(problems.is_empty(), "encodings differ:\n{}", problems.join("\n"));
}
