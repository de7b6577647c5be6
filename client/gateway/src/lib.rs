//! # MedLedger records gateway
//!
//! The service a clinic runs beside its EHR. Staff upload FHIR R4 resources; the gateway
//! encrypts each under a key of its own, stores it, and registers its document set on chain.
//! A requester proves who they are by signing a one-time challenge and gets a record only if
//! the **finalized** chain grants access; the record leaves sealed to the requester's
//! registered encryption key, and the release is reported on chain as a disclosure receipt.
//!
//! ## Staleness
//!
//! Every request reads the chain's latest finalized block at the time of the request: nothing
//! is cached. A revocation included in block `N` is honoured by every request that starts after
//! block `N` is finalized, so at most one finality round (about 12-18 s on a healthy network)
//! after inclusion. Access granted in `N` likewise shows once `N` is final.
//!
//! ## What is never said
//!
//! To someone who may not see a record, a missing record and a refused one look the same: 404
//! with the same body. Authentication failures (bad or reused challenge, bad signature) are 401
//! and never mention the record.

pub mod fhir;
pub mod reporter;
pub mod store;
pub mod vault;

use axum::{
	body::Bytes,
	extract::{DefaultBodyLimit, Path, Query, State},
	http::{HeaderMap, Method, StatusCode, Uri},
	response::{IntoResponse, Response},
	routing::{get, post},
	Json, Router,
};
use medledger_client::{
	chain::{MedLedger, NewDocumentSet, Wait},
	gateway::{
		signed_message, Challenge, Release, ACCOUNT_HEADER, CHALLENGE_HEADER, SIGNATURE_HEADER,
	},
	runtime,
	types::{category_name, parse_purpose, AccessDecision, AccountId, CategorySet, RecordId},
	Keys,
};
use rand::RngCore;
use serde::Deserialize;
use serde_json::{json, Value};
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};
use store::{PendingUpload, Store};
use vault::Vault;

/// How the gateway is set up.
#[derive(Clone, Debug)]
pub struct Settings {
	/// The staff's bearer token for uploads (from the EHR integration).
	pub staff_token: String,
	/// The largest upload, in bytes.
	pub max_body: usize,
	/// How long a challenge may be answered.
	pub challenge_lifetime: Duration,
	/// Requests per second one account (or, for challenges, one claimed account) may make.
	pub rate_per_second: f64,
	/// Requests one account may make in a burst.
	pub burst: f64,
	/// How often releases are reported on chain.
	pub report_every: Duration,
	/// The most receipts in one report (the runtime's `MaxDisclosuresPerReport`).
	pub report_batch: u32,
}

impl Default for Settings {
	fn default() -> Self {
		Self {
			staff_token: String::new(),
			max_body: 1024 * 1024,
			challenge_lifetime: Duration::from_secs(60),
			rate_per_second: 5.0,
			burst: 20.0,
			report_every: Duration::from_secs(6),
			report_batch: 64,
		}
	}
}

/// The shared state of the handlers.
pub struct Gateway {
	pub chain: MedLedger,
	pub store: Store,
	pub vault: Vault,
	/// The clinic (or its practitioner) the gateway acts as on chain.
	pub identity: Keys,
	pub settings: Settings,
	limiter: RateLimit,
	/// Wakes the reporter when a release is noted.
	pub(crate) released: tokio::sync::Notify,
}

impl Gateway {
	pub fn new(
		chain: MedLedger,
		store: Store,
		vault: Vault,
		identity: Keys,
		settings: Settings,
	) -> Arc<Self> {
		Arc::new(Self {
			chain,
			store,
			vault,
			identity,
			limiter: RateLimit::new(settings.rate_per_second, settings.burst),
			settings,
			released: tokio::sync::Notify::new(),
		})
	}

	/// Take one request from `who`'s allowance; false when it is spent.
	fn allow(&self, who: &str) -> bool {
		self.limiter.allow(who, Instant::now())
	}
}

/// A token bucket per account: `rate` requests a second, up to `burst` at once.
pub struct RateLimit {
	rate: f64,
	burst: f64,
	buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimit {
	pub fn new(rate: f64, burst: f64) -> Self {
		Self { rate, burst, buckets: Mutex::new(HashMap::new()) }
	}

	/// Take one request from `who`'s bucket at `now`; false when it is empty.
	pub fn allow(&self, who: &str, now: Instant) -> bool {
		let Ok(mut buckets) = self.buckets.lock() else { return false };
		let (tokens, last) = buckets.entry(who.to_string()).or_insert((self.burst, now));
		let refill = now.saturating_duration_since(*last).as_secs_f64() * self.rate;
		*tokens = (*tokens + refill).min(self.burst);
		*last = now;
		if *tokens >= 1.0 {
			*tokens -= 1.0;
			true
		} else {
			false
		}
	}
}

/// A problem (RFC 9457): `application/problem+json`.
#[derive(Debug)]
pub struct Problem {
	status: StatusCode,
	title: &'static str,
	detail: String,
}

impl Problem {
	fn new(status: StatusCode, title: &'static str, detail: impl Into<String>) -> Self {
		Self { status, title, detail: detail.into() }
	}

	/// The one answer to a record someone may not see, or that does not exist.
	fn not_found() -> Self {
		Self::new(StatusCode::NOT_FOUND, "Not found", "no record you may see has this identifier")
	}

	fn unauthorized(detail: &str) -> Self {
		Self::new(StatusCode::UNAUTHORIZED, "Not authenticated", detail)
	}

	fn internal(error: impl std::fmt::Display) -> Self {
		eprintln!("gateway: {error}");
		Self::new(
			StatusCode::SERVICE_UNAVAILABLE,
			"Unavailable",
			"the gateway cannot serve this now; try again",
		)
	}
}

impl IntoResponse for Problem {
	fn into_response(self) -> Response {
		let body = json!({
			"type": "about:blank",
			"title": self.title,
			"status": self.status.as_u16(),
			"detail": self.detail,
		});
		let mut response = (self.status, Json(body)).into_response();
		response.headers_mut().insert(
			axum::http::header::CONTENT_TYPE,
			axum::http::HeaderValue::from_static("application/problem+json"),
		);
		response
	}
}

/// The routes.
pub fn router(gateway: Arc<Gateway>) -> Router {
	let limit = gateway.settings.max_body;
	Router::new()
		.route("/v1/challenges", post(issue_challenge))
		.route("/v1/records", post(upload))
		.route("/v1/records/{record}", get(fetch))
		.route("/v1/patients/{patient}/consents", get(consents))
		.route("/openapi.json", get(openapi))
		.route("/health", get(|| async { "ok" }))
		.fallback(|| async {
			Problem::new(StatusCode::NOT_FOUND, "Not found", "no such endpoint: see /openapi.json")
		})
		.layer(DefaultBodyLimit::max(limit))
		.layer(axum::middleware::map_response(as_problem))
		.with_state(gateway)
}

/// Axum's own rejections (a body too large, a malformed JSON body) as problem details.
async fn as_problem(response: Response) -> Response {
	let is_problem = response
		.headers()
		.get(axum::http::header::CONTENT_TYPE)
		.is_some_and(|v| v.as_bytes().starts_with(b"application/problem+json"));
	if is_problem || response.status().is_success() {
		return response;
	}
	let status = response.status();
	let title = match status {
		StatusCode::PAYLOAD_TOO_LARGE => "Too large",
		StatusCode::METHOD_NOT_ALLOWED => "Method not allowed",
		StatusCode::UNSUPPORTED_MEDIA_TYPE => "Unsupported media type",
		_ => "Bad request",
	};
	let bytes = axum::body::to_bytes(response.into_body(), 64 * 1024).await.unwrap_or_default();
	Problem::new(status, title, String::from_utf8_lossy(&bytes).into_owned()).into_response()
}

pub async fn openapi() -> impl IntoResponse {
	([(axum::http::header::CONTENT_TYPE, "application/json")], include_str!("../openapi.json"))
}

#[derive(Deserialize)]
struct ChallengeRequest {
	account: String,
}

async fn issue_challenge(
	State(gateway): State<Arc<Gateway>>,
	Json(request): Json<ChallengeRequest>,
) -> Result<Json<Challenge>, Problem> {
	let account: AccountId = request.account.parse().map_err(|_| {
		Problem::new(StatusCode::BAD_REQUEST, "Bad account", "account must be an SS58 address")
	})?;
	if !gateway.allow(&account.to_string()) {
		return Err(Problem::new(
			StatusCode::TOO_MANY_REQUESTS,
			"Slow down",
			"too many requests from this account",
		));
	}
	let mut bytes = [0u8; 32];
	rand::rngs::OsRng.fill_bytes(&mut bytes);
	let challenge = hex::encode(bytes);
	let lifetime = gateway.settings.challenge_lifetime;
	let expires = now_ms() + lifetime.as_millis() as i64;
	gateway
		.store
		.add_challenge(&challenge, &account.to_string(), expires)
		.await
		.map_err(Problem::internal)?;
	Ok(Json(Challenge { challenge, expires_in_seconds: lifetime.as_secs() }))
}

fn now_ms() -> i64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_millis() as i64)
		.unwrap_or_default()
}

/// The requester a signed request comes from: its signature over a challenge issued to it,
/// unexpired and not used before.
async fn authenticate(
	gateway: &Gateway,
	method: &Method,
	uri: &Uri,
	headers: &HeaderMap,
) -> Result<AccountId, Problem> {
	let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
	let (Some(account), Some(challenge), Some(signature)) =
		(header(ACCOUNT_HEADER), header(CHALLENGE_HEADER), header(SIGNATURE_HEADER))
	else {
		return Err(Problem::unauthorized(
			"sign a challenge from POST /v1/challenges and send x-medledger-account, x-medledger-challenge and x-medledger-signature",
		));
	};
	let requester: AccountId = account
		.parse()
		.map_err(|_| Problem::unauthorized("x-medledger-account is not an SS58 address"))?;
	if !gateway.allow(&requester.to_string()) {
		return Err(Problem::new(
			StatusCode::TOO_MANY_REQUESTS,
			"Slow down",
			"too many requests from this account",
		));
	}
	let signature: [u8; 64] = hex::decode(&signature)
		.ok()
		.and_then(|s| s.try_into().ok())
		.ok_or_else(|| Problem::unauthorized("x-medledger-signature is not 64 bytes of hex"))?;
	let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
	let message = signed_message(&challenge, method.as_str(), path);
	let public = subxt_signer::sr25519::PublicKey(requester.0);
	if !subxt_signer::sr25519::verify(
		&subxt_signer::sr25519::Signature(signature),
		&message,
		&public,
	) {
		return Err(Problem::unauthorized(
			"the signature does not verify for this account, challenge and request",
		));
	}
	// Checked after the signature, so that a forger cannot burn someone else's challenge.
	let fresh = gateway
		.store
		.take_challenge(&challenge, &requester.to_string())
		.await
		.map_err(Problem::internal)?;
	if !fresh {
		return Err(Problem::unauthorized(
			"the challenge was used already, expired, or issued to another account",
		));
	}
	Ok(requester)
}

#[derive(Deserialize)]
struct UploadQuery {
	patient: String,
}

async fn upload(
	State(gateway): State<Arc<Gateway>>,
	Query(query): Query<UploadQuery>,
	headers: HeaderMap,
	body: Bytes,
) -> Result<Response, Problem> {
	let token = headers
		.get(axum::http::header::AUTHORIZATION)
		.and_then(|v| v.to_str().ok())
		.and_then(|v| v.strip_prefix("Bearer "))
		.unwrap_or_default();
	if gateway.settings.staff_token.is_empty()
		|| !constant_time_eq(token.as_bytes(), gateway.settings.staff_token.as_bytes())
	{
		return Err(Problem::unauthorized(
			"uploads need the gateway's staff token as a Bearer token",
		));
	}
	let resource = fhir::validate(&body).map_err(|e| {
		Problem::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"Not an acceptable FHIR resource",
			e.to_string(),
		)
	})?;
	let patient: AccountId = query.patient.parse().map_err(|_| {
		Problem::new(StatusCode::BAD_REQUEST, "Bad patient", "patient must be an SS58 address")
	})?;
	let Some(patient_key) =
		encryption_key_of(&gateway.chain, &patient).await.map_err(Problem::internal)?
	else {
		return Err(Problem::new(
			StatusCode::UNPROCESSABLE_ENTITY,
			"Not a patient",
			"the patient is not registered on chain: they register first (`medledger register`)",
		));
	};
	let plain = serde_json::to_vec(&resource.json).map_err(Problem::internal)?;
	let sealed = gateway.vault.seal(&plain);
	let metadata = json!({
		"resourceType": resource.resource_type,
		"id": resource.json.get("id"),
		"custodian": gateway.identity.account_id().to_string(),
	});
	let sealed_metadata = medledger_client::seal(&patient_key, metadata.to_string().as_bytes())
		.map_err(Problem::internal)?;
	let pending = PendingUpload {
		content_hash: sealed.content_hash,
		patient: patient.to_string(),
		category: category_name(resource.category),
		resource_type: resource.resource_type.clone(),
		wrapped_key: sealed.wrapped_key,
		ciphertext: sealed.ciphertext,
		sealed_metadata,
	};
	// Kept before anything goes on chain: if the gateway dies now, it finishes at restart.
	gateway.store.add_upload(&pending).await.map_err(Problem::internal)?;
	let record = register_on_chain(&gateway, &pending).await?;
	Ok((
		StatusCode::CREATED,
		Json(json!({
			"record": record.0,
			"patient": patient.to_string(),
			"category": pending.category,
			"content_hash": hex::encode(pending.content_hash),
		})),
	)
		.into_response())
}

/// Register an upload's document set (final on chain) and file it as a record.
async fn register_on_chain(
	gateway: &Gateway,
	pending: &PendingUpload,
) -> Result<RecordId, Problem> {
	let patient: AccountId =
		pending.patient.parse().map_err(|_| Problem::internal("a stored patient is not SS58"))?;
	let category =
		medledger_client::types::parse_category(&pending.category).map_err(Problem::internal)?;
	let set = NewDocumentSet {
		patient,
		category,
		content_hash: pending.content_hash,
		size: pending.ciphertext.len() as u64,
		sealed_metadata: pending.sealed_metadata.clone(),
		supersedes: None,
	};
	let (record, _) = gateway
		.chain
		.register_document_set(&gateway.identity, &set, Wait::Finalized)
		.await
		.map_err(|e| {
			Problem::new(StatusCode::BAD_GATEWAY, "The chain refused the record", e.to_string())
		})?;
	gateway
		.store
		.complete_upload(&pending.content_hash, record.0)
		.await
		.map_err(Problem::internal)?;
	Ok(record)
}

/// Finish uploads that were stored but whose registration did not complete (a restart): one
/// already on chain is filed under its record; one not is registered now.
pub async fn resume_uploads(gateway: &Gateway) -> Result<usize, String> {
	let pending = gateway.store.pending_uploads().await.map_err(|e| e.to_string())?;
	for upload in &pending {
		let on_chain = find_on_chain(&gateway.chain, &upload.patient, &upload.content_hash).await?;
		match on_chain {
			Some(record) => gateway
				.store
				.complete_upload(&upload.content_hash, record)
				.await
				.map_err(|e| e.to_string())?,
			None => {
				register_on_chain(gateway, upload).await.map_err(|p| p.detail)?;
			},
		}
	}
	Ok(pending.len())
}

async fn find_on_chain(
	chain: &MedLedger,
	patient: &str,
	hash: &[u8; 32],
) -> Result<Option<u64>, String> {
	let mut after = Value::Null;
	loop {
		let page: Vec<Value> = chain
			.call("medledger_patientRecords", json!([patient, after, 100, null]))
			.await
			.map_err(|e| e.to_string())?;
		for pair in &page {
			let stored =
				pair[1]["content_hash"].as_str().unwrap_or_default().trim_start_matches("0x");
			if stored == hex::encode(hash) {
				return Ok(pair[0].as_u64());
			}
		}
		match page.last() {
			Some(last) if page.len() == 100 => after = last[0].clone(),
			_ => return Ok(None),
		}
	}
}

/// The x25519 key a person or clinic registered on chain: a patient's (every person's agent),
/// else a provider's.
async fn encryption_key_of(chain: &MedLedger, who: &AccountId) -> Result<Option<[u8; 32]>, String> {
	let at = chain.api().at_current_block().await.map_err(|e| e.to_string())?;
	let patient = at
		.storage()
		.try_fetch(runtime::storage().patients().patients(), (who.clone(),))
		.await
		.map_err(|e| e.to_string())?;
	if let Some(value) = patient {
		return Ok(Some(value.decode().map_err(|e| e.to_string())?.encryption_key.0 .0));
	}
	let provider = at
		.storage()
		.try_fetch(runtime::storage().providers().providers(), (who.clone(),))
		.await
		.map_err(|e| e.to_string())?;
	match provider {
		Some(value) => Ok(Some(value.decode().map_err(|e| e.to_string())?.encryption_key.0 .0)),
		None => Ok(None),
	}
}

#[derive(Deserialize)]
struct FetchQuery {
	purpose: String,
}

async fn fetch(
	State(gateway): State<Arc<Gateway>>,
	Path(record): Path<u64>,
	Query(query): Query<FetchQuery>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Json<Release>, Problem> {
	let requester = authenticate(&gateway, &method, &uri, &headers).await?;
	let purpose = parse_purpose(&query.purpose)
		.map_err(|e| Problem::new(StatusCode::BAD_REQUEST, "Bad purpose", e.to_string()))?;
	let Some(stored) = gateway.store.record(record).await.map_err(Problem::internal)? else {
		return Err(Problem::not_found());
	};
	let decision = gateway
		.chain
		.record_access(&requester, RecordId(record), purpose)
		.await
		.map_err(Problem::internal)?;
	let grant = match decision {
		AccessDecision::Allowed { grant } => grant.map(|g| g.0),
		AccessDecision::Denied(_) => return Err(Problem::not_found()),
	};
	let Some(requester_key) =
		encryption_key_of(&gateway.chain, &requester).await.map_err(Problem::internal)?
	else {
		return Err(Problem::new(
			StatusCode::CONFLICT,
			"No encryption key",
			"register an encryption key on chain (`medledger register`) to receive records",
		));
	};
	let key = gateway.vault.unwrap_key(&stored.wrapped_key).map_err(Problem::internal)?;
	let package = [key.as_slice(), &stored.ciphertext].concat();
	let sealed = medledger_client::seal(&requester_key, &package).map_err(Problem::internal)?;
	let mut id = [0u8; 16];
	rand::rngs::OsRng.fill_bytes(&mut id);
	// Noted before the record leaves: a release is never lost, even if the gateway dies now.
	gateway
		.store
		.add_release(&store::Release {
			id: hex::encode(id),
			record,
			requester: requester.to_string(),
			grant,
			purpose: format!("{purpose:?}"),
		})
		.await
		.map_err(Problem::internal)?;
	gateway.released.notify_one();
	Ok(Json(Release {
		record,
		content_hash: hex::encode(stored.content_hash),
		sealed: hex::encode(sealed),
		grant,
	}))
}

async fn consents(
	State(gateway): State<Arc<Gateway>>,
	Path(patient): Path<String>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Json<Value>, Problem> {
	let requester = authenticate(&gateway, &method, &uri, &headers).await?;
	if requester.to_string() != patient {
		return Err(Problem::new(
			StatusCode::FORBIDDEN,
			"Not yours",
			"a patient exports only their own grants",
		));
	}
	let grants: Vec<Value> = gateway
		.chain
		.call("medledger_grants", json!([patient, null]))
		.await
		.map_err(Problem::internal)?;
	let entries: Vec<Value> = grants
		.iter()
		.map(|pair| {
			let (id, g) = (&pair[0], &pair[1]);
			let resource = fhir::consent_resource(
				id.as_u64().unwrap_or_default(),
				&patient,
				g["grantee"].as_str().unwrap_or_default(),
				CategorySet(g["categories"].as_u64().unwrap_or_default() as u32),
				CategorySet(g["except"].as_u64().unwrap_or_default() as u32),
				g["purpose"].as_str().unwrap_or_default(),
				g["starts"].as_u64().unwrap_or_default(),
				g["ends"].as_u64(),
				g["revoked_at"].is_null(),
			);
			json!({ "resource": resource })
		})
		.collect();
	Ok(Json(
		json!({ "resourceType": "Bundle", "type": "collection", "total": entries.len(), "entry": entries }),
	))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
	a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub use reporter::report_releases;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn each_account_has_its_own_bucket_that_refills_at_the_rate() {
		let limit = RateLimit::new(2.0, 3.0);
		let start = Instant::now();
		for _ in 0..3 {
			assert!(limit.allow("5Bob", start));
		}
		assert!(!limit.allow("5Bob", start), "the burst is spent");
		assert!(limit.allow("5Eve", start), "another account is not slowed by Bob");
		assert!(limit.allow("5Bob", start + Duration::from_millis(500)), "one more after 1/rate");
		assert!(!limit.allow("5Bob", start + Duration::from_millis(500)));
	}

	#[test]
	fn the_openapi_description_covers_every_route() {
		let doc: Value = serde_json::from_str(include_str!("../openapi.json")).unwrap();
		for (path, method) in [
			("/v1/challenges", "post"),
			("/v1/records", "post"),
			("/v1/records/{record}", "get"),
			("/v1/patients/{patient}/consents", "get"),
			("/openapi.json", "get"),
			("/health", "get"),
		] {
			assert!(doc["paths"][path][method].is_object(), "{method} {path} is not described");
		}
		assert_eq!(doc["paths"].as_object().unwrap().len(), 6, "a described path has no route");
	}

	#[test]
	fn tokens_compare_in_full() {
		assert!(constant_time_eq(b"secret", b"secret"));
		assert!(!constant_time_eq(b"secret", b"secreT"));
		assert!(!constant_time_eq(b"secret", b"secret2"));
	}
}
