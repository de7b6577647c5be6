//! Uploads: clinic staff send a FHIR resource of a registered patient; the gateway encrypts it,
//! stores it, and registers its document set on chain, then files it as a record.
//!
//! Nothing acknowledged is lost, and nothing the chain refuses stops the gateway:
//!
//! - An upload is stored before anything goes on chain. If registering it fails for a reason
//!   that may pass (the node unreachable, the pool refusing a nonce or the fees), it stays
//!   waiting and is tried again in the background ([`run`]) and at the next start; the staff
//!   get `202 Accepted`.
//! - If the chain refuses the document set itself (its transaction was included and failed,
//!   say because the patient closed their account meanwhile), the upload is quarantined with
//!   the chain's reason, for the staff to look into, and not retried unless they requeue it.
//! - A waiting upload whose document set is already on the finalized chain (the gateway
//!   stopped between the two) is filed under that record, not registered twice. It is found by
//!   patient, custodian, registrar and content hash together.
//! - Registered exactly once: the registration is sent through [`Gateway::send`] (recorded
//!   before it is sent) and the upload filed in the database transaction that forgets its
//!   record. An upload whose registration was sent and not seen final (a stop, a lost
//!   connection) waits until [`sent`] has settled it, and is then found on the finalized chain,
//!   or registered anew if it can never land.
//!
//! The clinic's staff see the quarantined uploads ([`quarantined`]) and, once the cause is fixed
//! (the patient registered, say), put one back among the waiting ones ([`requeue`]). Uploads and
//! quarantine are staff routes: each asks `staff_only` first, and nothing else.

use crate::{
	onchain,
	problem::Problem,
	sent,
	store::{Effect, PendingUpload},
	Gateway,
};
use axum::{
	body::Bytes,
	extract::{Path, Query, State},
	http::{HeaderMap, StatusCode},
	response::{IntoResponse, Response},
	Json,
};
use medledger_client::{
	calls::NewDocumentSet,
	chain::MedLedger,
	gateway::Quarantined,
	types::{AccountId, LabelSet, RecordCategory, RecordId},
	Error,
};
use serde::Deserialize;
use serde_json::json;
use std::{
	collections::HashSet,
	sync::{Arc, Mutex},
};

/// What became of one waiting upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
	/// Registered now, and filed as the record.
	Registered(RecordId),
	/// Found already registered on the finalized chain, and filed as the record.
	Filed(RecordId),
	/// The chain refused it: quarantined with this reason.
	Quarantined(String),
	/// Not done, for a reason that may pass: tried again later.
	Waiting(String),
	/// Being registered by someone else (a request, or the background retry) right now.
	Busy,
}

/// What one pass over the waiting uploads did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Resumed {
	pub registered: usize,
	pub filed: usize,
	pub quarantined: usize,
	pub waiting: usize,
}

/// The uploads being registered right now, so that a request and the background retry never
/// register the same one twice.
#[derive(Default)]
pub struct InFlight(Mutex<HashSet<[u8; 32]>>);

/// An upload claimed in [`InFlight`]; released when dropped.
pub struct Claim<'a> {
	in_flight: &'a InFlight,
	content_hash: [u8; 32],
}

impl InFlight {
	/// Claim the upload with `content_hash`; `None` if someone holds it.
	pub fn claim(&self, content_hash: [u8; 32]) -> Option<Claim<'_>> {
		let mut held = self.0.lock().ok()?;
		// `then`, not `then_some`: a claim made and dropped here would release the holder's.
		held.insert(content_hash).then(|| Claim { in_flight: self, content_hash })
	}
}

impl Drop for Claim<'_> {
	fn drop(&mut self) {
		if let Ok(mut held) = self.in_flight.0.lock() {
			held.remove(&self.content_hash);
		}
	}
}

/// The chain's refusal of a document set itself, with its reason: its transaction was included
/// and failed dispatch. Anything else (the node unreachable, the pool refusing a nonce or the
/// fees, a transaction dropped) may pass when tried again.
pub fn chain_refusal(error: &Error) -> Option<String> {
	match error {
		Error::Refused(message) if message.contains("dispatch error") => Some(message.clone()),
		_ => None,
	}
}

/// Register `pending`'s document set (final on chain) and file it as a record, unless a
/// registration of it was sent already and is not settled. The caller holds the upload's
/// [`Claim`].
async fn register(gateway: &Gateway, pending: &PendingUpload) -> Outcome {
	let (patient, category) =
		match (pending.patient.parse::<AccountId>(), pending.category.parse::<RecordCategory>()) {
			(Ok(patient), Ok(category)) => (patient, category),
			_ => {
				return quarantine(gateway, pending, "the stored patient or category is not valid")
					.await
			},
		};
	let effect = Effect::Register(pending.content_hash);
	match gateway.store.is_sent(&effect).await {
		Ok(false) => {},
		Ok(true) => return Outcome::Waiting("its registration was sent and is not settled".into()),
		Err(e) => return Outcome::Waiting(e.to_string()),
	}
	let set = NewDocumentSet {
		patient,
		category,
		labels: pending.labels,
		content_hash: pending.content_hash,
		size: pending.ciphertext.len() as u64,
		sealed_metadata: pending.sealed_metadata.clone(),
		supersedes: None,
	};
	let (held, events) = match gateway.send(&MedLedger::document_set_call(&set), &effect).await {
		Ok(landed) => landed,
		Err(e) => {
			return match chain_refusal(&e) {
				Some(reason) => quarantine(gateway, pending, &reason).await,
				None => Outcome::Waiting(e.to_string()),
			}
		},
	};
	// On chain, not filed (no event, or the database failing): its record stays, and once it
	// is settled the next pass finds the document set on the finalized chain and files it.
	let record = match MedLedger::registered_record(&events) {
		Ok(record) => record,
		Err(e) => return Outcome::Waiting(e.to_string()),
	};
	match file(gateway, pending, record, Some(held.nonce())).await {
		Ok(()) => Outcome::Registered(record),
		Err(e) => Outcome::Waiting(e),
	}
}

/// File `pending` as `record`, its key wrapped anew for the record; and forget the sent
/// registration `registered_by`, if it is the gateway's just now, in the same transaction.
async fn file(
	gateway: &Gateway,
	pending: &PendingUpload,
	record: RecordId,
	registered_by: Option<u64>,
) -> Result<(), String> {
	let wrapped = gateway
		.vault
		.rewrap_for_record(&pending.wrapped_key, &pending.content_hash, record)
		.map_err(|e| e.to_string())?;
	let store = &gateway.store;
	let filed = match registered_by {
		Some(nonce) => {
			store.complete_upload_and_forget(&pending.content_hash, record.0, &wrapped, nonce).await
		},
		None => store.complete_upload(&pending.content_hash, record.0, &wrapped).await,
	};
	filed.map_err(|e| e.to_string())
}

async fn quarantine(gateway: &Gateway, pending: &PendingUpload, reason: &str) -> Outcome {
	eprintln!(
		"gateway: the chain refused upload {} of {}; quarantined: {reason}",
		hex::encode(pending.content_hash),
		pending.patient
	);
	match gateway.store.quarantine_upload(&pending.content_hash, reason).await {
		Ok(()) => Outcome::Quarantined(reason.to_string()),
		Err(e) => Outcome::Waiting(e.to_string()),
	}
}

/// Finish one waiting upload: file it if its document set is on the finalized chain already,
/// else register it.
pub async fn resume_one(gateway: &Gateway, pending: &PendingUpload) -> Outcome {
	let Some(_claim) = gateway.uploading.claim(pending.content_hash) else { return Outcome::Busy };
	let Ok(patient) = pending.patient.parse::<AccountId>() else {
		return quarantine(gateway, pending, "the stored patient is not an SS58 address").await;
	};
	let found = onchain::find_registered(
		&gateway.chain,
		&patient,
		&gateway.custodian,
		&gateway.identity.account_id(),
		&pending.content_hash,
	)
	.await;
	match found {
		Ok(Some(record)) => match file(gateway, pending, record, None).await {
			Ok(()) => Outcome::Filed(record),
			Err(e) => Outcome::Waiting(e),
		},
		Ok(None) => register(gateway, pending).await,
		Err(e) => Outcome::Waiting(e),
	}
}

/// One pass over the uploads waiting for the chain (a restart, or the background retry), once
/// what earlier passes sent is settled ([`sent::settle`]). Fails only when the waiting uploads
/// cannot be read.
pub async fn resume_uploads(gateway: &Gateway) -> Result<Resumed, String> {
	sent::settle(gateway).await;
	let pending = gateway.store.pending_uploads().await.map_err(|e| e.to_string())?;
	let mut resumed = Resumed::default();
	for upload in &pending {
		match resume_one(gateway, upload).await {
			Outcome::Registered(_) => resumed.registered += 1,
			Outcome::Filed(_) => resumed.filed += 1,
			Outcome::Quarantined(_) => resumed.quarantined += 1,
			Outcome::Waiting(reason) => {
				eprintln!(
					"gateway: upload {} waits for the chain: {reason}",
					hex::encode(upload.content_hash)
				);
				resumed.waiting += 1;
			},
			Outcome::Busy => resumed.waiting += 1,
		}
	}
	Ok(resumed)
}

/// Retry waiting uploads every `upload_retry_every`, until the process ends.
pub async fn run(gateway: Arc<Gateway>) {
	loop {
		match resume_uploads(&gateway).await {
			Ok(resumed) if resumed != Resumed::default() => eprintln!(
				"gateway: uploads: {} registered, {} filed, {} quarantined, {} waiting",
				resumed.registered, resumed.filed, resumed.quarantined, resumed.waiting
			),
			Ok(_) => {},
			Err(e) => eprintln!("gateway: reading waiting uploads failed, will retry: {e}"),
		}
		tokio::time::sleep(gateway.settings.upload_retry_every).await;
	}
}

/// Whether the request comes from the clinic's staff: it carries the gateway's staff token (the
/// EHR integration's) as a Bearer token. Every staff route asks this first, before it reads
/// anything, so that anyone else (a patient, a stranger, whoever signs a request) learns only
/// that they are not staff.
fn staff_only(gateway: &Gateway, headers: &HeaderMap) -> Result<(), Problem> {
	let token = headers
		.get(axum::http::header::AUTHORIZATION)
		.and_then(|v| v.to_str().ok())
		.and_then(|v| v.strip_prefix("Bearer "))
		.unwrap_or_default();
	if gateway.settings.staff_token.is_empty()
		|| !crate::auth::constant_time_eq(token.as_bytes(), gateway.settings.staff_token.as_bytes())
	{
		return Err(Problem::unauthorized(
			"this is for the clinic's staff: send the gateway's staff token as a Bearer token",
		));
	}
	Ok(())
}

#[derive(Deserialize)]
pub struct UploadQuery {
	patient: String,
	/// Sensitivity labels the staff declare, HL7 codes comma separated (`PSY,HIV`).
	#[serde(default)]
	labels: Option<String>,
}

/// `POST /v1/records?patient=[&labels=]`: a FHIR resource of a registered patient, from clinic
/// staff.
pub async fn upload(
	State(gateway): State<Arc<Gateway>>,
	Query(query): Query<UploadQuery>,
	headers: HeaderMap,
	body: Bytes,
) -> Result<Response, Problem> {
	staff_only(&gateway, &headers)?;
	let declared = match query.labels.as_deref() {
		Some(list) => crate::fhir::parse_labels(list)
			.map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "Bad labels", e.to_string()))?,
		None => LabelSet::empty(),
	};
	let resource = crate::fhir::validate(&body, declared).map_err(|e| {
		Problem::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"Not an acceptable FHIR resource",
			e.to_string(),
		)
	})?;
	let patient: AccountId = query.patient.parse().map_err(|_| {
		Problem::new(StatusCode::BAD_REQUEST, "Bad patient", "patient must be an SS58 address")
	})?;
	// Only a registered patient: checked before anything is stored, so that an upload the
	// chain would refuse is not kept.
	let Some(patient_key) =
		onchain::patient_key(&gateway.chain, &patient).await.map_err(Problem::internal)?
	else {
		return Err(Problem::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"Not a patient",
			"the patient is not registered on the finalized chain: they register first \
			 (`medledger register`), then upload again",
		));
	};
	let plain = serde_json::to_vec(&resource.json).map_err(Problem::internal)?;
	let sealed = gateway.vault.seal(&plain);
	let metadata = json!({
		"resourceType": resource.resource_type,
		"id": resource.json.get("id"),
		"custodian": gateway.custodian.to_string(),
	});
	let sealed_metadata = medledger_client::seal(&patient_key, metadata.to_string().as_bytes())
		.map_err(Problem::internal)?;
	let pending = PendingUpload {
		content_hash: sealed.content_hash,
		patient: patient.to_string(),
		category: resource.category.to_string(),
		resource_type: resource.resource_type.clone(),
		wrapped_key: sealed.wrapped_key,
		ciphertext: sealed.ciphertext,
		sealed_metadata,
		labels: resource.labels,
	};
	// Claimed before it is stored, so that the background retry leaves it to this request.
	let claim = gateway.uploading.claim(pending.content_hash);
	// Kept before anything goes on chain: if the gateway dies now, it finishes at restart.
	gateway.store.add_upload(&pending).await.map_err(Problem::internal)?;
	let outcome = match claim {
		Some(_claim) => register(&gateway, &pending).await,
		None => Outcome::Busy,
	};
	let answer = |status: StatusCode, state: &str, record: Option<RecordId>| {
		(
			status,
			Json(json!({
				"status": state,
				"record": record.map(|r| r.0),
				"patient": patient.to_string(),
				"category": pending.category,
				"content_hash": hex::encode(pending.content_hash),
			})),
		)
			.into_response()
	};
	match outcome {
		Outcome::Registered(record) | Outcome::Filed(record) => {
			Ok(answer(StatusCode::CREATED, "registered", Some(record)))
		},
		Outcome::Waiting(reason) => {
			eprintln!(
				"gateway: upload {} stored; registering it waits: {reason}",
				hex::encode(pending.content_hash)
			);
			Ok(answer(StatusCode::ACCEPTED, "waiting", None))
		},
		Outcome::Busy => Ok(answer(StatusCode::ACCEPTED, "waiting", None)),
		Outcome::Quarantined(reason) => Err(Problem::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"The chain refused the record",
			format!(
				"the chain refused the document set ({reason}); the upload is kept aside \
				 (quarantined, see GET /v1/quarantine) and not retried until staff requeue it"
			),
		)),
	}
}

/// `GET /v1/quarantine`: the uploads the chain refused, oldest first, each with the chain's
/// reason (clinic staff).
pub async fn quarantined(
	State(gateway): State<Arc<Gateway>>,
	headers: HeaderMap,
) -> Result<Json<Vec<Quarantined>>, Problem> {
	staff_only(&gateway, &headers)?;
	let quarantined = gateway.store.quarantined_uploads().await.map_err(Problem::internal)?;
	Ok(Json(
		quarantined
			.into_iter()
			.map(|q| Quarantined {
				content_hash: hex::encode(q.upload.content_hash),
				patient: q.upload.patient,
				category: q.upload.category,
				resource_type: q.upload.resource_type,
				labels: q.upload.labels.iter().map(|l| l.hl7_code().to_string()).collect(),
				reason: q.reason,
				quarantined_at: q.quarantined_at,
			})
			.collect(),
	))
}

/// `POST /v1/quarantine/{content_hash}/requeue`: put a quarantined upload back among the
/// uploads waiting for the chain, once its cause is fixed (the patient registered, say), for
/// clinic staff. The next try (every `upload_retry_every`, and at the next start) registers it,
/// or quarantines it again with the chain's reason.
pub async fn requeue(
	State(gateway): State<Arc<Gateway>>,
	Path(content_hash): Path<String>,
	headers: HeaderMap,
) -> Result<Response, Problem> {
	staff_only(&gateway, &headers)?;
	let hash: [u8; 32] = hex::decode(content_hash.trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| {
			Problem::new(
				StatusCode::BAD_REQUEST,
				"Bad content hash",
				"a content hash is 32 bytes of hex, as GET /v1/quarantine lists it",
			)
		})?;
	let Some(upload) = gateway.store.requeue_upload(&hash).await.map_err(Problem::internal)? else {
		return Err(Problem::new(
			StatusCode::NOT_FOUND,
			"Not found",
			"no upload is quarantined with this content hash: see GET /v1/quarantine",
		));
	};
	eprintln!(
		"gateway: staff requeued upload {} of {}; it waits for the chain again",
		hex::encode(hash),
		upload.patient
	);
	Ok((
		StatusCode::ACCEPTED,
		Json(json!({
			"status": "waiting",
			"record": null,
			"patient": upload.patient,
			"category": upload.category,
			"content_hash": hex::encode(hash),
		})),
	)
		.into_response())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn only_a_failed_dispatch_quarantines_an_upload() {
		let dispatch = Error::Refused(
			"The transaction failed with the following dispatch error: Pallet error: \
			 Records::NotPatient"
				.into(),
		);
		assert!(chain_refusal(&dispatch).is_some_and(|reason| reason.contains("NotPatient")));
		for transient in [
			Error::Refused("Invalid Transaction (1010): Transaction is outdated".into()),
			Error::Refused("Invalid Transaction (1010): Inability to pay some fees".into()),
			Error::Refused("transaction dropped from the pool".into()),
			Error::Node("cannot reach a node at ws://127.0.0.1:9944".into()),
		] {
			assert_eq!(chain_refusal(&transient), None, "{transient}");
		}
	}

	#[test]
	fn an_upload_is_registered_by_one_party_at_a_time() {
		let in_flight = InFlight::default();
		let claim = in_flight.claim([1; 32]).unwrap();
		assert!(in_flight.claim([1; 32]).is_none(), "held by the request");
		assert!(in_flight.claim([2; 32]).is_some(), "another upload is free");
		drop(claim);
		assert!(in_flight.claim([1; 32]).is_some(), "released when done");
	}
}
