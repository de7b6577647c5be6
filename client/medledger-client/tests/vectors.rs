//! The shared test vectors of the Rust client and the browser portal
//! (`client/test-vectors/keys.json`): one file that both check, so that a phrase gives the same
//! account and encryption key in both, each opens what the other sealed, each accepts what the
//! other signed, both compute the same running hash of disclosures, and both name categories
//! and purposes alike. The portal's tests (`client/web`) check the same file.
//!
//! Each side writes only its own part: `MEDLEDGER_BLESS_VECTORS=1` rewrites the Rust part (the
//! `keys`, `sealed_by_rust`, `signed_by_rust`, `keystore_by_rust`, `disclosure_log` and `names`
//! sections), and the portal's `npm run bless-vectors` the browser's (`sealed_by_browser`,
//! `signed_by_browser`, `keystore_by_browser`). A keystore file made by either side opens in
//! the other.

use medledger_client::{
	gateway::{open_release, signed_message, Release},
	seal,
	types::{disclosure::Disclosure, AccountId, GrantId, Purpose, RecordCategory, RecordId},
	Error, Keys, Keystore,
};
use medledger_primitives::DisclosureLog;
use serde_json::{json, Value};
use std::path::PathBuf;
use subxt_signer::sr25519;

fn vectors_file() -> PathBuf {
	PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../test-vectors/keys.json")
}

/// The secret URIs the vectors derive: a development name, the bare development phrase, a
/// phrase with hard and soft junctions, a numeric junction and one over 32 bytes (hashed).
const URIS: [&str; 6] = [
	"//Alice",
	"bottom drive obey lake curtain smoke basket hold race lonely fit walk",
	"legal winner thank year wave sausage worth useful legal winner thank yellow//clinic/desk",
	"letter advice cage absurd amount doctor acoustic avoid letter advice cage above//42",
	"//a-junction-long-enough-to-be-hashed-to-32-bytes",
	"  zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong  ",
];

/// The passphrase of the keystore files in the vectors.
const PASSPHRASE: &str = "correct horse battery staple";

fn keys(uri: &str) -> Keys {
	Keys::from_uri(uri).unwrap_or_else(|e| panic!("{uri}: {e}"))
}

fn derived(uri: &str) -> Value {
	let keys = keys(uri);
	json!({
		"uri": uri,
		"account": keys.account_id().to_string(),
		"account_public": hex::encode(keys.account().public_key().0),
		"encryption_public": hex::encode(keys.encryption_public()),
		"secret": keys.phrase(),
	})
}

/// Receipts of three disclosures in two blocks, and the log after each.
fn disclosure_log() -> Value {
	let receipts = [
		(7u32, 1u64, [1u8; 32], Some(3u64), Purpose::Treatment, 6u32),
		(7, 2, [2; 32], None, Purpose::PatientRequest, 6),
		(9, 1, [1; 32], Some(4), Purpose::EmergencyTreatment, 8),
	];
	let mut log = DisclosureLog::default();
	let mut steps = Vec::new();
	for (block, record, requester, grant, purpose, released_at) in receipts {
		let receipt = Disclosure {
			record: RecordId(record),
			requester,
			grant: grant.map(GrantId),
			purpose,
			released_at,
		};
		log = log.append(&block, &receipt);
		steps.push(json!({
			"block": block,
			"record": record,
			"requester": hex::encode(requester),
			"grant": grant,
			"purpose": purpose.to_string(),
			"released_at": released_at,
			"count": log.count,
			"head": hex::encode(log.head.0),
		}));
	}
	Value::Array(steps)
}

/// The bytes a gateway request's signature covers: a plain path, and a query with characters
/// that a browser percent-encodes.
fn gateway_messages() -> Value {
	let custodian: AccountId = keys("//Alice").account_id();
	let challenge = "0f".repeat(32);
	let requests = [
		("GET", "/v1/records/7?purpose=patient-request"),
		("POST", "/v1/records?patient=5Zoe&labels=PSY%2CHIV"),
	];
	Value::Array(
		requests
			.iter()
			.map(|(method, path)| {
				let message = signed_message(&custodian, &challenge, method, path);
				json!({
					"custodian": custodian.to_string(),
					"challenge": challenge,
					"method": method,
					"path_and_query": path,
					"message": hex::encode(message),
				})
			})
			.collect(),
	)
}

/// A record released as a gateway releases it: the stored form (nonce and XChaCha20-Poly1305
/// ciphertext of the FHIR JSON) whose BLAKE2-256 the chain holds, and the record key with it,
/// sealed to the requester.
fn release_by_rust() -> Value {
	use chacha20poly1305::{
		aead::{Aead, KeyInit},
		XChaCha20Poly1305, XNonce,
	};
	let resource = json!({
		"resourceType": "Observation",
		"status": "final",
		"code": { "text": "HbA1c" },
		"subject": { "reference": "Patient/zoe" },
		"valueQuantity": { "value": 6.1, "unit": "%" },
	});
	let key = [7u8; 32];
	let nonce = [9u8; 24];
	let ciphertext = XChaCha20Poly1305::new(&key.into())
		.encrypt(XNonce::from_slice(&nonce), resource.to_string().as_bytes())
		.expect("encrypted");
	let stored = [&nonce[..], &ciphertext].concat();
	let package = [&key[..], &stored].concat();
	let sealed = seal(&keys(URIS[2]).encryption_public(), &package).expect("sealed");
	json!([{
		"to": URIS[2],
		"content_hash": hex::encode(sp_crypto_hashing::blake2_256(&stored)),
		"release": { "record": 7, "content_hash": hex::encode(sp_crypto_hashing::blake2_256(&stored)), "sealed": hex::encode(sealed), "grant": 3 },
		"resource": resource,
	}])
}

/// Category and purpose names in the order of their SCALE index.
fn names() -> Value {
	json!({
		"categories": RecordCategory::ALL.map(|c| c.to_string()),
		"purposes": Purpose::ALL.map(|p| p.to_string()),
	})
}

fn rust_part() -> Vec<(&'static str, Value)> {
	let message = b"a record key, sealed by the Rust client";
	let recipient = keys(URIS[2]);
	let sealed = seal(&recipient.encryption_public(), message).expect("sealed");
	let signer = keys("//Bob");
	let text = "medledger-gateway/v2\n5Custodian\nchallenge\nGET\n/v1/records/1?purpose=treatment";
	let signature = signer.account().sign(text.as_bytes());
	let dir = tempfile::tempdir().expect("a temporary directory");
	let store = Keystore::open(dir.path()).expect("a keystore");
	store.save("zoe", &keys(URIS[3]), PASSPHRASE).expect("saved");
	let file: Value =
		serde_json::from_slice(&std::fs::read(dir.path().join("zoe.json")).expect("read"))
			.expect("json");
	vec![
		("keys", Value::Array(URIS.iter().map(|uri| derived(uri)).collect())),
		("keystore_by_rust", json!([{ "uri": URIS[3], "passphrase": PASSPHRASE, "file": file }])),
		(
			"sealed_by_rust",
			json!([{ "to": URIS[2], "message": hex::encode(message), "sealed": hex::encode(sealed) }]),
		),
		(
			"signed_by_rust",
			json!([{ "by": "//Bob", "message": text, "signature": hex::encode(signature.0) }]),
		),
		("disclosure_log", disclosure_log()),
		("names", names()),
		("gateway_messages", gateway_messages()),
		("released_by_rust", release_by_rust()),
	]
}

fn bytes(value: &Value, field: &str) -> Vec<u8> {
	hex::decode(value[field].as_str().unwrap_or_else(|| panic!("{field}: not text")))
		.unwrap_or_else(|e| panic!("{field}: {e}"))
}

#[test]
fn the_browser_and_the_rust_client_agree_on_keys_seals_signatures_and_the_log() {
	let path = vectors_file();
	let mut vectors: Value = std::fs::read(&path)
		.ok()
		.and_then(|text| serde_json::from_slice(&text).ok())
		.unwrap_or_else(|| json!({}));
	if std::env::var_os("MEDLEDGER_BLESS_VECTORS").is_some() {
		for (section, value) in rust_part() {
			vectors[section] = value;
		}
		let text = serde_json::to_string_pretty(&vectors).expect("json") + "\n";
		std::fs::write(&path, text).expect("written");
	}

	// Derivations: the file is what this client derives.
	let listed = vectors["keys"].as_array().expect("a keys section: bless the vectors");
	assert_eq!(listed.len(), URIS.len());
	for (listed, uri) in listed.iter().zip(URIS) {
		assert_eq!(listed, &derived(uri), "{uri}");
	}
	assert_eq!(vectors["disclosure_log"], disclosure_log());
	assert_eq!(vectors["names"], names());
	assert_eq!(vectors["gateway_messages"], gateway_messages());

	// A release opens to its resource, and not once the chain's hash differs from its bytes.
	let released = vectors["released_by_rust"].as_array().expect("released_by_rust: bless");
	for entry in released {
		let recipient = keys(entry["to"].as_str().expect("a recipient"));
		let release: Release = serde_json::from_value(entry["release"].clone()).expect("a release");
		let hash: [u8; 32] = bytes(entry, "content_hash").try_into().expect("32 bytes");
		let opened = open_release(&recipient, &release, &hash).expect("opens");
		assert_eq!(opened.resource, entry["resource"]);
		let mut other = hash;
		other[0] ^= 1;
		assert!(
			open_release(&recipient, &release, &other).is_err(),
			"a release opens under another hash"
		);
	}

	// What either side sealed opens with the recipient's keys; a changed byte does not.
	for side in ["sealed_by_rust", "sealed_by_browser"] {
		let sealed = vectors[side].as_array().expect(side);
		assert!(!sealed.is_empty(), "{side} is empty: bless that side's vectors");
		for entry in sealed {
			let recipient = keys(entry["to"].as_str().expect("a recipient"));
			let mut boxed = bytes(entry, "sealed");
			assert_eq!(recipient.open(&boxed).expect("opens"), bytes(entry, "message"), "{side}");
			boxed[40] ^= 1;
			assert!(recipient.open(&boxed).is_err(), "{side}: an altered box opens");
		}
	}

	// A keystore file made by either side opens with its passphrase, as the identity it names,
	// and not with another passphrase.
	for side in ["keystore_by_rust", "keystore_by_browser"] {
		let files = vectors[side].as_array().expect(side);
		assert!(!files.is_empty(), "{side} is empty: bless that side's vectors");
		for entry in files {
			let dir = tempfile::tempdir().expect("a temporary directory");
			let text = serde_json::to_vec(&entry["file"]).expect("json");
			std::fs::write(dir.path().join("imported.json"), text).expect("written");
			let store = Keystore::open(dir.path()).expect("a keystore");
			let passphrase = entry["passphrase"].as_str().expect("a passphrase");
			let opened = store.load("imported", passphrase).expect("opens");
			let expected = keys(entry["uri"].as_str().expect("a uri"));
			assert_eq!(opened.account_id(), expected.account_id(), "{side}");
			assert_eq!(opened.encryption_public(), expected.encryption_public(), "{side}");
			let wrong = store.load("imported", "another passphrase");
			assert!(matches!(wrong, Err(Error::WrongPassphrase(_))), "{side}");
		}
	}

	// What either side signed verifies as the signer's, and only for its own message.
	for side in ["signed_by_rust", "signed_by_browser"] {
		let signed = vectors[side].as_array().expect(side);
		assert!(!signed.is_empty(), "{side} is empty: bless that side's vectors");
		for entry in signed {
			let signer = keys(entry["by"].as_str().expect("a signer"));
			let message = entry["message"].as_str().expect("a message");
			let signature: [u8; 64] = bytes(entry, "signature").try_into().expect("64 bytes");
			let signature = sr25519::Signature(signature);
			let public = signer.account().public_key();
			assert!(sr25519::verify(&signature, message.as_bytes(), &public), "{side}");
			assert!(!sr25519::verify(&signature, format!("{message}x"), &public), "{side}");
		}
	}
}
