//! Grants exported as FHIR Consent resources (see the [`fhir`](super) module docs).

use super::labels::security_label;
use medledger_client::types::{
	BlockNumber, CategorySet, GrantId, Purpose, RecordCategory, SensitivityLabel,
};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

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

/// A grant of `patient` as a FHIR R4 Consent resource (see the [`fhir`](super) module docs).
pub fn consent_resource(patient: &str, grant: &ConsentGrant, clock: &BlockClock) -> Value {
	let classes = |set: CategorySet| -> Vec<Value> {
		set.iter()
			.map(|c| json!({ "system": "urn:medledger:record-category", "code": c.name() }))
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
		"purpose": [{ "system": Purpose::HL7_SYSTEM, "code": grant.purpose.hl7_code() }],
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

#[cfg(test)]
mod tests {
	use super::*;

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
