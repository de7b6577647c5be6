//! # MedLedger records gateway
//!
//! The service a clinic runs beside its EHR. Staff upload FHIR R4 resources of registered
//! patients; the gateway encrypts each under a key of its own, stores it, and registers its
//! document set on chain (an upload the chain refuses is quarantined, for staff to see and
//! requeue). A requester proves who they are by signing a one-time challenge that names this
//! gateway's clinic, and gets a record only if both the **finalized** and the best chain grant
//! access; the record leaves sealed to the requester's registered encryption key, and the
//! release is reported on chain as a disclosure receipt.
//!
//! The modules: [`auth`] (challenges and signed requests), [`rate_limit`], [`problem`] (errors
//! as problem details), [`finality`] (on which chain state a release is decided), [`uploads`],
//! [`onchain`] (chain reads), [`nonce`] (the identity's transaction nonces), [`sent`] (settling
//! the transactions sent before a stop), [`store`], [`vault`], [`fhir`], [`reporter`],
//! [`secrets`] (what the binary starts with).
//!
//! ## Exactly once
//!
//! Every disclosure report and document set registration lands on chain once, across stops and
//! lost connections: it is signed with a nonce of its own and recorded, bytes and all, before it
//! is sent ([`Gateway::send`]), its effect is applied in the same database transaction that
//! forgets the record, and a record left over is settled by sending the same bytes, never new
//! ones ([`sent`]). A recorded nonce is never handed out again ([`nonce`]).
//!
//! ## Staleness
//!
//! Every request reads the chain's finalized and best heads at the time of the request: nothing
//! is cached. A revocation is honoured from the moment its block is the node's best block; a
//! grant releases a record once its block is final. While the finalized head is older than
//! `max_finality_lag` (by its timestamp), nothing is released: `503 Chain not final`. See
//! [`finality`].
//!
//! ## What is never said
//!
//! To someone who may not see a record, a missing record and a refused one look the same: 404
//! with the same body. Authentication failures (bad or reused challenge, bad signature) are 401
//! and never mention the record.

pub mod auth;
pub mod fhir;
pub mod finality;
pub mod nonce;
pub mod onchain;
pub mod problem;
pub mod rate_limit;
pub mod reporter;
pub mod secrets;
pub mod sent;
pub mod store;
pub mod uploads;
pub mod vault;

use auth::{authenticate, Challenges};
use axum::{
	extract::{DefaultBodyLimit, Path, Query, State},
	http::{HeaderMap, Method, StatusCode, Uri},
	response::IntoResponse,
	routing::{get, post},
	Json, Router,
};
use medledger_client::{
	chain::{Config, Included, MedLedger, Wait},
	gateway::Release,
	types::{parse_purpose, AccountId, RecordId},
	Keys,
};
use nonce::{Held, NonceManager};
use rand::RngCore;
use serde::Deserialize;
use serde_json::Value;
use std::{net::IpAddr, sync::Arc, time::Duration};
use store::{Effect, Store};
use subxt::{extrinsics::ExtrinsicEvents, transactions::Payload};
use vault::Vault;

pub use problem::Problem;
pub use rate_limit::RateLimit;
pub use uploads::{resume_uploads, Resumed};

/// How the gateway is set up.
#[derive(Clone, Debug)]
pub struct Settings {
	/// The staff's bearer token for the staff routes, uploads and the quarantine (from the EHR
	/// integration).
	pub staff_token: String,
	/// The largest upload, in bytes.
	pub max_body: usize,
	/// How long a challenge may be answered.
	pub challenge_lifetime: Duration,
	/// The most unanswered challenges one peer address may hold.
	pub max_challenges_per_peer: usize,
	/// The most unanswered challenges the gateway holds.
	pub max_challenges: usize,
	/// Requests per second one account may make (counted once its signature verified).
	pub rate_per_second: f64,
	/// Requests one account may make in a burst.
	pub burst: f64,
	/// Requests per second one peer address (an IPv6 /64) may make, before anything is read.
	pub peer_rate_per_second: f64,
	/// Requests one peer address may make in a burst.
	pub peer_burst: f64,
	/// The most peer addresses, and the most accounts, the rate limits track (each).
	pub max_rate_buckets: usize,
	/// The oldest a finalized head may be (by its timestamp) for the gateway to release on it.
	pub max_finality_lag: Duration,
	/// How often uploads waiting for the chain are tried again.
	pub upload_retry_every: Duration,
	/// How often releases are reported on chain.
	pub report_every: Duration,
	/// The most receipts in one report (the runtime's `MaxDisclosuresPerReport`).
	pub report_batch: u32,
	/// How many report transactions may wait for finality at once: several batches per
	/// finality round, so the accounting keeps up with hundreds of releases a second.
	pub reports_in_flight: u32,
}

impl Default for Settings {
	fn default() -> Self {
		Self {
			staff_token: String::new(),
			max_body: 1024 * 1024,
			challenge_lifetime: Duration::from_secs(60),
			max_challenges_per_peer: 16,
			max_challenges: 10_000,
			rate_per_second: 5.0,
			burst: 20.0,
			peer_rate_per_second: 20.0,
			peer_burst: 60.0,
			max_rate_buckets: 10_000,
			max_finality_lag: Duration::from_secs(60),
			upload_retry_every: Duration::from_secs(30),
			report_every: Duration::from_secs(6),
			report_batch: 64,
			reports_in_flight: 8,
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
	/// The clinic whose records the gateway holds: `identity`, or its employer. Signed
	/// requests name it, and it is the custodian of every record the gateway registers.
	pub custodian: AccountId,
	pub settings: Settings,
	/// The nonces of `identity`'s transactions: every transaction the gateway signs (document
	/// sets, disclosure reports) takes its nonce here. See [`Gateway::send`].
	pub nonces: NonceManager,
	/// The challenges issued and not yet answered.
	pub(crate) challenges: Challenges,
	/// Requests per peer address, taken before anything else.
	pub(crate) peers: Arc<RateLimit<IpAddr>>,
	/// Requests per account, taken once the account's signature verified.
	pub(crate) accounts: RateLimit<[u8; 32]>,
	/// The uploads being registered right now.
	pub(crate) uploading: uploads::InFlight,
	/// Wakes the reporter when a release is noted.
	pub(crate) released: tokio::sync::Notify,
}

impl Gateway {
	/// The gateway of `identity`'s clinic (read from the chain: `identity` must be an admitted
	/// provider or a practitioner of one).
	pub async fn new(
		chain: MedLedger,
		store: Store,
		vault: Vault,
		identity: Keys,
		settings: Settings,
	) -> Result<Arc<Self>, String> {
		let custodian = onchain::custodian_of(&chain, &identity.account_id()).await?;
		let nonces = NonceManager::new(identity.account_id(), store.clone());
		Ok(Arc::new(Self {
			chain,
			store,
			vault,
			custodian,
			nonces,
			identity,
			challenges: Challenges::new(
				settings.challenge_lifetime,
				settings.max_challenges_per_peer,
				settings.max_challenges,
			),
			peers: Arc::new(RateLimit::new(
				settings.peer_rate_per_second,
				settings.peer_burst,
				settings.max_rate_buckets,
			)),
			accounts: RateLimit::new(
				settings.rate_per_second,
				settings.burst,
				settings.max_rate_buckets,
			),
			uploading: uploads::InFlight::default(),
			settings,
			released: tokio::sync::Notify::new(),
		}))
	}

	/// Send `call`, whose effect on chain is `effect`, exactly once, and wait until it is final:
	/// every report and registration the gateway owes goes through here. It is signed with the
	/// next free nonce of [`Gateway::nonces`] and recorded (nonce, effect, bytes) before it is
	/// sent. Once it is final and succeeded, the caller applies `effect` in the database
	/// transaction that forgets the record (`Store::mark_reported_and_forget`,
	/// `Store::complete_upload_and_forget`) while it holds the nonce returned.
	///
	/// An [`Error::Refused`](medledger_client::Error::Refused) means these bytes have done all
	/// they will (the pool turned them away, or they failed dispatch in a final block): the
	/// record is forgotten, and the work may be done anew. Any other error leaves the record,
	/// for [`sent::settle_sent`] to settle: the transaction may still land.
	pub async fn send<Call: Payload>(
		&self,
		call: &Call,
		effect: &Effect,
	) -> Result<(Held<'_>, ExtrinsicEvents<Config>), medledger_client::Error> {
		let (held, extrinsic) =
			self.nonces.sign_and_record(&self.chain, call, &self.identity, effect).await?;
		let sent = self.chain.submit_signed(&extrinsic, Wait::Finalized);
		match tokio::time::timeout(FINAL_WITHIN, sent).await {
			Ok(Ok((_, events))) => Ok((held, events)),
			Ok(Err(refused @ medledger_client::Error::Refused(_))) => {
				// Not forgotten now, it is settled later.
				if let Err(e) = self.store.forget_sent(held.nonce()).await {
					eprintln!("gateway: forgetting transaction {}: {e}", held.nonce());
				}
				Err(refused)
			},
			Ok(Err(other)) => Err(other),
			Err(_) => Err(medledger_client::Error::Node(format!(
				"transaction {} not final within {FINAL_WITHIN:?}; it is settled later",
				held.nonce()
			))),
		}
	}

	/// Sign `call` as the gateway's identity with the next free nonce of [`Gateway::nonces`],
	/// submit it and wait as `wait` says, recording nothing: for transactions outside the
	/// exactly-once guarantee (tests, administration). What the gateway owes goes through
	/// [`Gateway::send`].
	pub async fn submit<Call: Payload>(
		&self,
		call: &Call,
		wait: Wait,
	) -> Result<(Included, ExtrinsicEvents<Config>), medledger_client::Error> {
		self.nonces
			.with_nonce(&self.chain, |nonce| {
				self.chain.submit_with_nonce(call, &self.identity, nonce, wait, |_| {})
			})
			.await
	}
}

/// The routes. Serve them with `into_make_service_with_connect_info::<SocketAddr>()`: every
/// request is first counted against its peer address.
pub fn router(gateway: Arc<Gateway>) -> Router {
	let limit = gateway.settings.max_body;
	let peers = gateway.peers.clone();
	Router::new()
		.route("/v1/challenges", post(auth::issue_challenge))
		.route("/v1/records", post(uploads::upload))
		.route("/v1/quarantine", get(uploads::quarantined))
		.route("/v1/quarantine/{content_hash}/requeue", post(uploads::requeue))
		.route("/v1/records/{record}", get(fetch))
		.route("/v1/patients/{patient}/consents", get(consents))
		.route("/openapi.json", get(openapi))
		.route("/health", get(|| async { "ok" }))
		.fallback(|| async {
			Problem::new(StatusCode::NOT_FOUND, "Not found", "no such endpoint: see /openapi.json")
		})
		.layer(DefaultBodyLimit::max(limit))
		.layer(axum::middleware::map_response(problem::as_problem))
		.layer(axum::middleware::from_fn_with_state(peers, rate_limit::limit_peers))
		.with_state(gateway)
}

pub async fn openapi() -> impl IntoResponse {
	([(axum::http::header::CONTENT_TYPE, "application/json")], include_str!("../openapi.json"))
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
	// Allowed at both the finalized and the best head (see `finality`).
	let allowed = finality::check_release(&gateway, &requester, RecordId(record), purpose).await?;
	let grant = allowed.grant.map(|g| g.0);
	// The blob must be the one the chain registered for this clinic.
	let on_chain = onchain::document_set_at(&gateway.chain, RecordId(record), allowed.finalized)
		.await
		.map_err(Problem::internal)?
		.ok_or_else(|| Problem::internal(format!("record {record} is stored but not on chain")))?;
	onchain::stored_matches(&on_chain, &gateway.custodian, &stored).map_err(Problem::internal)?;
	let Some(requester_key) =
		onchain::encryption_key_of(&gateway.chain, &requester, allowed.finalized)
			.await
			.map_err(Problem::internal)?
	else {
		return Err(Problem::new(
			StatusCode::CONFLICT,
			"No encryption key",
			"register an encryption key on chain (`medledger register`) to receive records",
		));
	};
	let key = gateway
		.vault
		.unwrap_record_key(&stored.wrapped_key, RecordId(record))
		.map_err(Problem::internal)?;
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
			decided_at: allowed.finalized_number,
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
	// Read at the finalized head, as every answer of the gateway is: the grants, the time, and
	// the times of the past blocks they name, on the finalized chain (not the best).
	let finalized = gateway.chain.finalized_head().await.map_err(Problem::internal)?;
	let grants = gateway.chain.grants_at(&requester, finalized).await.map_err(Problem::internal)?;
	let (now_block, now_ms) =
		gateway.chain.block_time(finalized).await.map_err(Problem::internal)?;
	let grants: Vec<fhir::ConsentGrant> = grants
		.into_iter()
		.map(|(id, g)| fhir::ConsentGrant {
			id,
			grantee: g.grantee.to_string(),
			categories: g.categories.0,
			except: g.except.0,
			purpose: g.purpose.0,
			starts: g.starts,
			ends: g.ends,
			revoked_at: g.revoked_at,
		})
		.collect();
	let past = gateway
		.chain
		.finalized_block_times(fhir::past_blocks(&grants, now_block), finalized)
		.await
		.map_err(Problem::internal)?;
	let clock = fhir::BlockClock { now_block, now_ms, block_time_ms: BLOCK_TIME_MS, past };
	Ok(Json(fhir::consent_bundle(&patient, &grants, &clock)))
}

/// How long [`Gateway::send`] waits for a transaction to be final (about 18 s when all is
/// well) before leaving it to [`sent::settle_sent`].
const FINAL_WITHIN: Duration = Duration::from_secs(120);

/// The chain's slot duration (the runtime's `MILLI_SECS_PER_BLOCK`): how far ahead a future
/// block is expected.
const BLOCK_TIME_MS: u64 = 6_000;

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
	a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub use reporter::report_releases;

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_openapi_description_covers_every_route() {
		let doc: Value = serde_json::from_str(include_str!("../openapi.json")).unwrap();
		for (path, method) in [
			("/v1/challenges", "post"),
			("/v1/records", "post"),
			("/v1/quarantine", "get"),
			("/v1/quarantine/{content_hash}/requeue", "post"),
			("/v1/records/{record}", "get"),
			("/v1/patients/{patient}/consents", "get"),
			("/openapi.json", "get"),
			("/health", "get"),
		] {
			assert!(doc["paths"][path][method].is_object(), "{method} {path} is not described");
		}
		assert_eq!(doc["paths"].as_object().unwrap().len(), 8, "a described path has no route");
	}

	#[test]
	fn tokens_compare_in_full() {
		assert!(constant_time_eq(b"secret", b"secret"));
		assert!(!constant_time_eq(b"secret", b"secreT"));
		assert!(!constant_time_eq(b"secret", b"secret2"));
	}
}
