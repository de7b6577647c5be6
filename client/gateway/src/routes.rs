//! The routes: which handler answers which path, the layers every request passes (its peer's
//! rate limit before anything else, the body limit, every error as problem details), and the
//! requester's routes that are not challenges ([`crate::auth`]) or staff uploads
//! ([`crate::uploads`]): a record's release and a patient's consent export.

use crate::{
	auth::{self, authenticate},
	fhir, finality, onchain,
	problem::{self, Problem},
	rate_limit, store, uploads, Gateway,
};
use axum::{
	extract::{DefaultBodyLimit, Path, Query, State},
	http::{HeaderMap, Method, StatusCode, Uri},
	response::IntoResponse,
	routing::{get, post},
	Json, Router,
};
use medledger_client::{
	gateway::Release,
	types::{Purpose, RecordId},
};
use rand::RngCore;
use serde::Deserialize;
use serde_json::Value;
use std::sync::Arc;

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
	let purpose = query
		.purpose
		.parse::<Purpose>()
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
			purpose: purpose.to_string(),
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
	let grants = gateway.chain.grants(&requester, finalized).await.map_err(Problem::internal)?;
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

/// The chain's slot duration (the runtime's `MILLI_SECS_PER_BLOCK`): how far ahead a future
/// block is expected.
const BLOCK_TIME_MS: u64 = 6_000;

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
}
