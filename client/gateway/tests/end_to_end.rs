//! The records gateway with a real dev node, on SQLite: Alice's clinic uploads a lab
//! Observation of Zoe's; Zoe grants Dave (a practitioner elsewhere) lab results; Dave
//! fetches it, opens it and its hash matches the chain; Zoe revokes, and after finalization the
//! next fetch is refused; Zoe sees the disclosure receipt. Forged signatures, replayed
//! challenges, strangers and expired grants are refused; bad uploads get problem details.

use medledger_client::{
	chain::{MedLedger, NewGrant, Wait},
	gateway::{
		open_release, signed_message, GatewayClient, ACCOUNT_HEADER, CHALLENGE_HEADER,
		SIGNATURE_HEADER,
	},
	runtime,
	testing::{free_port, DevNode},
	types::{AccessLevel, CategorySet, GrantId, Purpose, RecordCategory},
	Keys,
};
use medledger_gateway::{
	report_releases, resume_uploads, router,
	store::{PendingUpload, Store},
	vault::Vault,
	Gateway, Settings,
};
use serde_json::{json, Value};
use std::time::Duration;

const STAFF_TOKEN: &str = "staff-token-of-alice-clinic";

async fn fund_and_register(chain: &MedLedger, keys: &Keys) {
	let alice = Keys::from_uri("//Alice").unwrap();
	let call =
		runtime::tx().balances().transfer_keep_alive(keys.account_id().into(), 10_000_000_000_000);
	chain.submit(&call, &alice, Wait::InBlock, |_| {}).await.expect("funded");
	chain.register_patient(keys, Wait::Finalized).await.expect("registered");
}

fn lab_result() -> Value {
	json!({
		"resourceType": "Observation",
		"id": "hba1c-2026-11",
		"status": "final",
		"category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "laboratory" }] }],
		"code": { "coding": [{ "system": "http://loinc.org", "code": "4548-4", "display": "Hemoglobin A1c" }] },
		"subject": { "reference": "Patient/zoe" },
		"valueQuantity": { "value": 6.1, "unit": "%" }
	})
}

async fn chain_hash(chain: &MedLedger, record: u64) -> [u8; 32] {
	let at = chain.api().at_current_block().await.unwrap();
	let set = at
		.storage()
		.fetch(
			runtime::storage().records().document_sets(),
			(subxt::utils::Static(medledger_client::types::RecordId(record)),),
		)
		.await
		.unwrap()
		.decode()
		.unwrap();
	set.content_hash.0
}

async fn grant(chain: &MedLedger, patient: &Keys, grantee: &Keys, ends: Option<u32>) -> GrantId {
	let grant = NewGrant {
		patient: patient.account_id(),
		grantee: grantee.account_id(),
		categories: CategorySet::of(&[RecordCategory::LabResults]),
		except: CategorySet::empty(),
		purpose: Purpose::Treatment,
		access: AccessLevel::Read,
		starts: None,
		ends,
	};
	chain.grant(patient, &grant, Wait::Finalized, |_| {}).await.expect("granted").0
}

async fn best_number(chain: &MedLedger) -> u32 {
	let header: Value = chain.call("chain_getHeader", json!([])).await.unwrap();
	u32::from_str_radix(header["number"].as_str().unwrap().trim_start_matches("0x"), 16).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_goes_only_to_whom_the_patient_allows_and_every_release_is_accounted() {
	let node = DevNode::start();
	let chain = MedLedger::connect(&node.url).await.expect("connected");
	let doctor = Keys::from_uri("//Dave").unwrap();
	let stranger = Keys::from_uri("//Eve").unwrap();
	let zoe = Keys::generate();

	fund_and_register(&chain, &zoe).await;
	// Dave is a practitioner outside Alice's clinic (its own staff would need no grant) and,
	// as every person may, holds a registered key.
	chain.register_patient(&doctor, Wait::Finalized).await.expect("doctor's key registered");
	chain.register_patient(&stranger, Wait::Finalized).await.expect("stranger's key registered");

	let dir = tempfile::tempdir().unwrap();
	let store = Store::open(&format!("sqlite://{}", dir.path().join("gateway.db").display()))
		.await
		.unwrap();
	let vault = Vault::open(&dir.path().join("master.key")).unwrap();
	let settings =
		Settings { staff_token: STAFF_TOKEN.into(), max_body: 64 * 1024, ..Settings::default() };
	let gateway =
		Gateway::new(chain.clone(), store, vault, Keys::from_uri("//Alice").unwrap(), settings);
	let port = free_port();
	let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
	let app = router(gateway.clone());
	tokio::spawn(async move { axum::serve(listener, app).await });
	let base = format!("http://127.0.0.1:{port}");
	let client = GatewayClient::new(&base);
	let http = reqwest::Client::new();

	// Bad uploads: a clear problem, nothing stored or registered.
	let no_token = http
		.post(format!("{base}/v1/records?patient={}", zoe.account_id()))
		.json(&lab_result())
		.send()
		.await
		.unwrap();
	assert_eq!(no_token.status(), 401);
	assert_eq!(no_token.headers()["content-type"], "application/problem+json");
	let not_fhir = client
		.upload(STAFF_TOKEN, &zoe.account_id().to_string(), &json!({ "resourceType": "Bundle" }))
		.await;
	assert!(not_fhir.unwrap_err().to_string().contains("422"));
	let huge = json!({ "resourceType": "Observation", "note": "x".repeat(100_000) });
	let too_large = http
		.post(format!("{base}/v1/records?patient={}", zoe.account_id()))
		.bearer_auth(STAFF_TOKEN)
		.json(&huge)
		.send()
		.await
		.unwrap();
	assert_eq!(too_large.status(), 413);
	assert_eq!(too_large.headers()["content-type"], "application/problem+json");

	// The clinic uploads; the document set is final on chain when the upload returns.
	let uploaded = client
		.upload(STAFF_TOKEN, &zoe.account_id().to_string(), &lab_result())
		.await
		.expect("uploaded");
	let record = uploaded["record"].as_u64().unwrap();
	assert_eq!(uploaded["category"], "lab-results");
	assert_eq!(
		hex::encode(chain_hash(&chain, record).await),
		uploaded["content_hash"].as_str().unwrap()
	);

	// Without a grant, Dave gets the same answer as for a record that does not exist.
	let refused = client.fetch(&doctor, record, "treatment").await.unwrap_err().to_string();
	let missing = client.fetch(&doctor, record + 1000, "treatment").await.unwrap_err().to_string();
	assert!(refused.contains("404"), "{refused}");
	assert_eq!(refused, missing);

	// Zoe grants Dave lab results; Dave fetches, opens, and the hash matches the chain.
	let granted = grant(&chain, &zoe, &doctor, None).await;
	let release = client.fetch(&doctor, record, "treatment").await.expect("released");
	assert_eq!(release.grant, Some(granted.0));
	let opened = open_release(&doctor, &release, &chain_hash(&chain, record).await).expect("opens");
	assert_eq!(opened.resource, lab_result());
	// Only Dave can open what was sealed to him.
	assert!(open_release(&stranger, &release, &opened.content_hash).is_err());
	// Not for another purpose.
	assert!(client.fetch(&doctor, record, "research").await.is_err());

	// A stranger with a valid signature and no grant: refused.
	assert!(client
		.fetch(&stranger, record, "treatment")
		.await
		.unwrap_err()
		.to_string()
		.contains("404"));

	// A forged signature: Eve signs Dave's challenge and claims to be Dave.
	let path = format!("/v1/records/{record}?purpose=treatment");
	let challenge = client.challenge(&doctor.account_id().to_string()).await.unwrap().challenge;
	let forged = stranger.account().sign(&signed_message(&challenge, "GET", &path));
	let answer = http
		.get(format!("{base}{path}"))
		.header(ACCOUNT_HEADER, doctor.account_id().to_string())
		.header(CHALLENGE_HEADER, &challenge)
		.header(SIGNATURE_HEADER, hex::encode(forged.0))
		.send()
		.await
		.unwrap();
	assert_eq!(answer.status(), 401);
	// The forgery did not burn Dave's challenge: Dave's own signature still works, once.
	let genuine = doctor.account().sign(&signed_message(&challenge, "GET", &path));
	let signed = || {
		http.get(format!("{base}{path}"))
			.header(ACCOUNT_HEADER, doctor.account_id().to_string())
			.header(CHALLENGE_HEADER, &challenge)
			.header(SIGNATURE_HEADER, hex::encode(genuine.0))
			.send()
	};
	assert_eq!(signed().await.unwrap().status(), 200);
	// Replayed: refused.
	let replay = signed().await.unwrap();
	assert_eq!(replay.status(), 401);
	let problem: Value = replay.json().await.unwrap();
	assert!(problem["detail"].as_str().unwrap().contains("used already"));

	// Every release is reported on chain; Zoe sees the receipts.
	while report_releases(&gateway).await.expect("reported") > 0 {}
	let log: Value = chain
		.call("medledger_disclosureLog", json!([zoe.account_id().to_string(), null]))
		.await
		.unwrap();
	assert_eq!(log["count"], 2);

	// Zoe revokes; once final, the next fetch is refused.
	let revoke = runtime::tx().consent().revoke(subxt::utils::Static(granted));
	chain.submit(&revoke, &zoe, Wait::Finalized, |_| {}).await.expect("revoked");
	assert!(client
		.fetch(&doctor, record, "treatment")
		.await
		.unwrap_err()
		.to_string()
		.contains("404"));

	// An expired grant: it lapses by itself, and the gateway refuses after its end.
	let ends = best_number(&chain).await + 3;
	grant(&chain, &zoe, &doctor, Some(ends)).await;
	while best_number(&chain).await < ends + 2 {
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
	// Its end is in the finalized chain once finality passes `ends`.
	tokio::time::sleep(Duration::from_secs(12)).await;
	assert!(client
		.fetch(&doctor, record, "treatment")
		.await
		.unwrap_err()
		.to_string()
		.contains("404"));

	// An upload interrupted after it was stored (the gateway killed before its document set was
	// registered) is finished at the next start, not lost.
	let sealed = Vault::open(&dir.path().join("master.key"))
		.unwrap()
		.seal(lab_result().to_string().as_bytes());
	let metadata = medledger_client::seal(&zoe.encryption_public(), b"{}").unwrap();
	let interrupted = PendingUpload {
		content_hash: sealed.content_hash,
		patient: zoe.account_id().to_string(),
		category: "lab-results".into(),
		resource_type: "Observation".into(),
		wrapped_key: sealed.wrapped_key,
		ciphertext: sealed.ciphertext,
		sealed_metadata: metadata,
	};
	gateway.store.add_upload(&interrupted).await.unwrap();
	assert_eq!(resume_uploads(&gateway).await.expect("resumed"), 1);
	assert!(gateway.store.pending_uploads().await.unwrap().is_empty());
	let records: Vec<Value> = chain
		.call("medledger_patientRecords", json!([zoe.account_id().to_string(), null, 10, null]))
		.await
		.unwrap();
	let wanted = hex::encode(interrupted.content_hash);
	let resumed = records
		.iter()
		.find(|r| r[1]["content_hash"].as_str().unwrap().trim_start_matches("0x") == wanted)
		.expect("the interrupted upload is on chain")[0]
		.as_u64()
		.unwrap();
	assert!(gateway.store.record(resumed).await.unwrap().is_some());
	// Interrupted after its document set was registered but before it was filed: found on
	// chain and filed under that record, not registered twice.
	let sealed = Vault::open(&dir.path().join("master.key"))
		.unwrap()
		.seal(b"{\"resourceType\":\"Patient\"}");
	let already = PendingUpload {
		content_hash: sealed.content_hash,
		patient: zoe.account_id().to_string(),
		category: "demographics".into(),
		resource_type: "Patient".into(),
		wrapped_key: sealed.wrapped_key,
		ciphertext: sealed.ciphertext,
		sealed_metadata: vec![1],
	};
	let set = medledger_client::chain::NewDocumentSet {
		patient: zoe.account_id(),
		category: RecordCategory::Demographics,
		content_hash: already.content_hash,
		size: already.ciphertext.len() as u64,
		sealed_metadata: vec![1],
		supersedes: None,
	};
	let (registered, _) =
		chain.register_document_set(&gateway.identity, &set, Wait::Finalized).await.unwrap();
	gateway.store.add_upload(&already).await.unwrap();
	let count = |records: &Vec<Value>| records.len();
	let before: Vec<Value> = chain
		.call("medledger_patientRecords", json!([zoe.account_id().to_string(), null, 100, null]))
		.await
		.unwrap();
	assert_eq!(resume_uploads(&gateway).await.unwrap(), 1);
	let after: Vec<Value> = chain
		.call("medledger_patientRecords", json!([zoe.account_id().to_string(), null, 100, null]))
		.await
		.unwrap();
	assert_eq!(count(&after), count(&before), "registered twice");
	assert!(gateway.store.record(registered.0).await.unwrap().is_some());

	// Zoe exports her grants as FHIR Consent resources.
	let bundle = client.consents(&zoe).await.expect("exported");
	assert_eq!(bundle["resourceType"], "Bundle");
	for entry in bundle["entry"].as_array().unwrap() {
		assert_eq!(entry["resource"]["resourceType"], "Consent");
	}
	// Nobody else may export them.
	let path = format!("/v1/patients/{}/consents", zoe.account_id());
	let other = client.signed_get(&doctor, &path).await.unwrap();
	assert_eq!(other.status(), 403);
}
