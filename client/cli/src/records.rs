//! Records: a patient's records across every clinic, fetching one through its clinic's gateway
//! (checked against the chain and decrypted), uploading one as clinic staff, and exporting
//! grants as FHIR Consent resources.

use crate::{
	output::Output,
	shared::{account, signer},
	ConsentsArgs, FetchArgs, RecordsArgs, UploadArgs,
};
use medledger_client::{
	chain::MedLedger,
	gateway::{open_release, GatewayClient},
	types::{AccountId, RecordId, RecordSummary},
	Error, Keys, Keystore,
};
use serde_json::{json, Value};

/// `medledger records`: a patient's records on the finalized chain, the metadata opened with
/// `--as`.
pub async fn records(
	store: &Keystore,
	out: Output,
	url: &str,
	args: RecordsArgs,
) -> Result<(), Error> {
	let RecordsArgs { patient, signer: who } = args;
	let patient = account(store, &patient)?;
	let keys = who.map(|w| signer(store, &w)).transpose()?;
	let chain = MedLedger::connect(url).await?;
	let records = chain.patient_records(&patient, chain.finalized_head().await?).await?;
	let rows = records
		.iter()
		.map(|(id, r)| {
			let metadata = match &keys {
				Some(keys) => decrypt_metadata(keys, &r.metadata),
				None => "(sealed)".into(),
			};
			vec![
				id.0.to_string(),
				r.category.0.to_string(),
				r.custodian.to_string(),
				format!("block {}", r.registered_at),
				if r.disputed { "disputed".into() } else { String::new() },
				metadata,
			]
		})
		.collect();
	let values: Vec<Value> = records.iter().map(|(id, r)| record_json(*id, r)).collect();
	out.table(&["record", "category", "custodian", "registered", "", "metadata"], rows, &values);
	Ok(())
}

/// `medledger fetch`: a record from its custodian's gateway, checked against the chain and
/// decrypted.
pub async fn fetch(store: &Keystore, out: Output, url: &str, args: FetchArgs) -> Result<(), Error> {
	let FetchArgs { signer: who, record, purpose, gateway } = args;
	let keys = signer(store, &who)?;
	let chain = MedLedger::connect(url).await?;
	let (hash, custodian) = document_set(&chain, record).await?;
	let base = match gateway {
		Some(given) => given,
		None => custodian_endpoint(&chain, &custodian).await?,
	};
	// Signed only for the gateway of the record's custodian: not relayable elsewhere.
	let release =
		GatewayClient::for_custodian(&base, custodian).fetch(&keys, record, purpose).await?;
	let opened = open_release(&keys, &release, &hash)?;
	if !out.json {
		eprintln!(
			"record {record}: content hash {} matches the chain{}",
			hex::encode(opened.content_hash),
			opened.grant.map_or(String::new(), |g| format!("; released under grant {g}"))
		);
	}
	println!(
		"{}",
		serde_json::to_string_pretty(&opened.resource)
			.map_err(|e| Error::Invalid(e.to_string()))?
	);
	Ok(())
}

/// `medledger upload`: a FHIR resource through the clinic's gateway, which registers it on
/// chain.
pub async fn upload(store: &Keystore, out: Output, args: UploadArgs) -> Result<(), Error> {
	let UploadArgs { gateway, staff_token, patient, file } = args;
	let patient = account(store, &patient)?;
	let body =
		std::fs::read(&file).map_err(|e| Error::Invalid(format!("{}: {e}", file.display())))?;
	let resource: Value = serde_json::from_slice(&body)
		.map_err(|e| Error::Invalid(format!("{} is not JSON: {e}", file.display())))?;
	eprintln!("upload: waiting for the document set to be final on chain");
	let uploaded =
		GatewayClient::new(&gateway).upload(&staff_token, &patient.to_string(), &resource).await?;
	let said = match uploaded["record"].as_u64() {
		Some(record) => format!(
			"record {record} of {patient} stored and registered ({})",
			text(&uploaded["category"])
		),
		None => format!(
			"stored for {patient} ({}); the gateway keeps trying to register it on chain \
			 (content hash {})",
			text(&uploaded["category"]),
			text(&uploaded["content_hash"])
		),
	};
	out.line(&said, &uploaded);
	Ok(())
}

/// `medledger consents`: the signer's grants as FHIR R4 Consent resources, through a gateway.
pub async fn consents(store: &Keystore, args: ConsentsArgs) -> Result<(), Error> {
	let ConsentsArgs { signer: who, gateway } = args;
	let keys = signer(store, &who)?;
	let bundle = GatewayClient::new(&gateway).consents(&keys).await?;
	println!(
		"{}",
		serde_json::to_string_pretty(&bundle).map_err(|e| Error::Invalid(e.to_string()))?
	);
	Ok(())
}

/// A record's metadata opened with `keys`, or why not.
fn decrypt_metadata(keys: &Keys, bytes: &[u8]) -> String {
	match keys.open(bytes) {
		Ok(plain) => String::from_utf8_lossy(&plain).into_owned(),
		Err(_) => "(cannot open with this identity)".into(),
	}
}

/// A record's content hash and custodian, from the finalized chain.
async fn document_set(chain: &MedLedger, record: u64) -> Result<([u8; 32], AccountId), Error> {
	let set =
		chain.document_set(RecordId(record), chain.finalized_head().await?).await?.ok_or_else(
			|| Error::Invalid(format!("no record {record} on chain: see `medledger records`")),
		)?;
	Ok((set.content_hash.0, set.custodian))
}

/// The gateway endpoint the custodian `provider` registered, on the finalized chain.
async fn custodian_endpoint(chain: &MedLedger, provider: &AccountId) -> Result<String, Error> {
	let endpoint = chain.provider_endpoint(provider, chain.finalized_head().await?).await;
	match endpoint {
		Ok(Some(endpoint)) => Ok(endpoint),
		Ok(None) => Err(Error::Invalid(format!(
			"the custodian {provider} is no longer a provider: give --gateway"
		))),
		Err(Error::Invalid(why)) => Err(Error::Invalid(format!("{why}: give --gateway"))),
		Err(other) => Err(other),
	}
}

/// A field of the gateway's answer, for people: `-` when it is missing.
fn text(value: &Value) -> String {
	match value {
		Value::String(s) => s.clone(),
		Value::Null => "-".into(),
		other => other.to_string(),
	}
}

/// A record for `--json`: `[id, document set]`, the metadata still sealed.
fn record_json(id: RecordId, record: &RecordSummary) -> Value {
	let fields = json!({
		"category": record.category.0,
		"labels": record.labels.0,
		"content_hash": record.content_hash,
		"size": record.size,
		"custodian": record.custodian,
		"metadata": record.metadata,
		"supersedes": record.supersedes.as_ref().map(|r| r.0),
		"superseded_by": record.superseded_by.as_ref().map(|r| r.0),
		"registered_at": record.registered_at,
		"disputed": record.disputed,
	});
	Value::Array(vec![json!(id), fields])
}
