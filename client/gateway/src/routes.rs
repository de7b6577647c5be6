//! The routes: which handler answers which path, the layers every request passes (the CORS
//! allow-list, then its peer's rate limit before anything else is read, the body limit, every
//! error as problem details), and the requester's routes that are not challenges
//! ([`crate::auth`]) or staff uploads ([`crate::uploads`]): a record's release and a patient's
//! consent export.

use crate::{
	auth::{self, authenticate},
	cors, fhir, finality, onchain,
	problem::{self, Problem},
	rate_limit::{self, RateLimit},
	store, uploads, Gateway, Settings,
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
use std::{net::IpAddr, sync::Arc};

/// The routes. Serve them with `into_make_service_with_connect_info::<SocketAddr>()`: every
/// request but a CORS preflight is first counted against its peer address.
pub fn router(gateway: Arc<Gateway>) -> Router {
	let routes = Router::new()
		.route("/v1/custodian", get(auth::custodian))
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
		});
	layered(routes, &gateway.settings, gateway.peers.clone()).with_state(gateway)
}

/// `routes` behind the layers every request passes. Each `layer` wraps the ones before it, so
/// the last is the outermost, the first a request meets (axum applies them to every route, the
/// fallback for an unknown path and the `405` for an unknown method too, so no request goes
/// round them). From the outside in:
///
/// 1. The CORS allow-list ([`cors::layer`]), when origins are configured. Outermost, so that a
///    preflight (any `OPTIONS`) is answered here, before the peer rate limit, the problem mapper
///    and the handlers (none of which knows `OPTIONS`: they would answer `405`, or `429`, and
///    the browser would refuse the call that follows), and so that every other answer, a `429`
///    of the peer limit or a `401` included, carries `Access-Control-Allow-Origin`, without
///    which the page could not read it (nor its `Retry-After`). Preflights are not counted
///    against the peer: answering one reads nothing and costs no more than the `429` that would
///    refuse it, while counting them would halve the burst of a portal, whose every call is
///    preflighted (`max_age` spares only repeated URLs).
/// 2. The peer's rate limit, before anything else is read.
/// 3. Errors as problem details, axum's rejections included.
/// 4. The body limit.
fn layered<S: Clone + Send + Sync + 'static>(
	routes: Router<S>,
	settings: &Settings,
	peers: Arc<RateLimit<IpAddr>>,
) -> Router<S> {
	let routes = routes
		.layer(DefaultBodyLimit::max(settings.max_body))
		.layer(axum::middleware::map_response(problem::as_problem))
		.layer(axum::middleware::from_fn_with_state(peers, rate_limit::limit_peers));
	match cors::layer(&settings.cors_origins) {
		Some(cors) => routes.layer(cors),
		None => routes,
	}
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
	// Allowed at both the finalized and the best head (see `finality`), before anything of the
	// gateway's own is read: a record not on chain, one refused and one stored elsewhere all
	// take the same path to the same 404.
	let allowed = finality::check_release(&gateway, &requester, RecordId(record), purpose).await?;
	let Some(stored) = gateway.store.record(record).await.map_err(Problem::internal)? else {
		return Err(Problem::not_found());
	};
	let grant = allowed.grant.map(|g| g.0);
	// The blob must be the one the chain registered for this clinic.
	let on_chain = allowed
		.view
		.document_set(&gateway.chain, RecordId(record))
		.await
		.map_err(Problem::internal)?
		.ok_or_else(|| Problem::internal(format!("record {record} is stored but not on chain")))?;
	onchain::stored_matches(&on_chain, &gateway.custodian, &stored).map_err(Problem::internal)?;
	let Some(requester_key) =
		allowed.view.encryption_key(&gateway.chain, &requester).await.map_err(Problem::internal)?
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
		.releases
		.note(store::Release {
			id: hex::encode(id),
			record,
			requester: requester.to_string(),
			grant,
			purpose: purpose.to_string(),
			decided_at: allowed.view.heads.finalized_number,
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
	use std::{
		collections::BTreeSet,
		net::SocketAddr,
		sync::atomic::{AtomicUsize, Ordering},
	};

	#[test]
	fn the_openapi_description_covers_every_route() {
		let doc: Value = serde_json::from_str(include_str!("../openapi.json")).unwrap();
		for (path, method) in [
			("/v1/custodian", "get"),
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
		assert_eq!(doc["paths"].as_object().unwrap().len(), 9, "a described path has no route");
	}

	const PORTAL: &str = "http://127.0.0.1:5173";
	const SIGNED_HEADERS: &str = "x-medledger-account,x-medledger-challenge,x-medledger-signature";

	async fn counted(State(reached): State<Arc<AtomicUsize>>) -> &'static str {
		reached.fetch_add(1, Ordering::SeqCst);
		"ok"
	}

	/// A server with the gateway's layers ([`layered`]) around a signed `GET` and a JSON `POST`
	/// route shaped like the gateway's (whose own handlers need a node), allowing
	/// `cors_origins`, each peer limited by `peers`; counts the requests that reach a handler.
	async fn serve(cors_origins: &[&str], peers: RateLimit<IpAddr>) -> (String, Arc<AtomicUsize>) {
		let settings = Settings {
			cors_origins: cors_origins.iter().map(|o| cors::Origin::parse(o).unwrap()).collect(),
			..Settings::default()
		};
		let reached = Arc::new(AtomicUsize::new(0));
		let routes = Router::new()
			.route("/v1/records/{record}", get(counted))
			.route("/v1/challenges", post(counted));
		let app = layered(routes, &settings, Arc::new(peers)).with_state(reached.clone());
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let base = format!("http://{}", listener.local_addr().unwrap());
		tokio::spawn(async move {
			axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>()).await
		});
		(base, reached)
	}

	/// What a browser sends before a signed `GET` from a page of `origin`.
	async fn preflight(base: &str, origin: &str) -> reqwest::Response {
		reqwest::Client::new()
			.request(reqwest::Method::OPTIONS, format!("{base}/v1/records/7"))
			.header("origin", origin)
			.header("access-control-request-method", "GET")
			.header("access-control-request-headers", SIGNED_HEADERS)
			.send()
			.await
			.unwrap()
	}

	/// A `GET` a browser sends from a page of `origin`.
	async fn get_from(base: &str, origin: &str) -> reqwest::Response {
		reqwest::Client::new()
			.get(format!("{base}/v1/records/7?purpose=treatment"))
			.header("origin", origin)
			.send()
			.await
			.unwrap()
	}

	fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
		response.headers().get(name).map(|v| v.to_str().unwrap())
	}

	/// A comma-separated header's entries, in lower case.
	fn listed(response: &reqwest::Response, name: &str) -> BTreeSet<String> {
		header(response, name)
			.unwrap_or_else(|| panic!("no {name}"))
			.split(',')
			.map(|entry| entry.trim().to_ascii_lowercase())
			.collect()
	}

	fn set(entries: &[&str]) -> BTreeSet<String> {
		entries.iter().map(|entry| entry.to_string()).collect()
	}

	fn cors_headers(response: &reqwest::Response) -> Vec<String> {
		response
			.headers()
			.keys()
			.map(|name| name.as_str().to_owned())
			.filter(|name| name.starts_with("access-control-"))
			.collect()
	}

	#[tokio::test]
	async fn an_allowed_origin_is_answered_before_the_rate_limit_and_can_read_refusals() {
		// A burst of one request per peer, hardly refilled.
		let (base, reached) =
			serve(&[PORTAL, "https://portal.clinic.example"], RateLimit::new(0.001, 1.0, 100))
				.await;
		for _ in 0..3 {
			let answer = preflight(&base, PORTAL).await;
			assert_eq!(answer.status(), StatusCode::OK);
			assert_eq!(header(&answer, "access-control-allow-origin"), Some(PORTAL));
			assert_eq!(listed(&answer, "access-control-allow-methods"), set(&["get", "post"]));
			assert_eq!(
				listed(&answer, "access-control-allow-headers"),
				set(&[
					"content-type",
					"x-medledger-account",
					"x-medledger-challenge",
					"x-medledger-request",
					"x-medledger-signed-at",
					"x-medledger-signature"
				])
			);
			assert_eq!(header(&answer, "access-control-max-age"), Some("300"));
			assert_eq!(header(&answer, "access-control-allow-credentials"), None);
		}
		// The JSON POST for a challenge, from the other allowed origin.
		let answer = reqwest::Client::new()
			.request(reqwest::Method::OPTIONS, format!("{base}/v1/challenges"))
			.header("origin", "https://portal.clinic.example")
			.header("access-control-request-method", "POST")
			.header("access-control-request-headers", "content-type")
			.send()
			.await
			.unwrap();
		assert_eq!(answer.status(), StatusCode::OK);
		assert_eq!(
			header(&answer, "access-control-allow-origin"),
			Some("https://portal.clinic.example")
		);
		assert_eq!(reached.load(Ordering::SeqCst), 0, "a preflight reaches no handler");

		// The preflights did not spend the peer's burst: the request itself is served...
		let answer = get_from(&base, PORTAL).await;
		assert_eq!(answer.status(), StatusCode::OK);
		assert_eq!(header(&answer, "access-control-allow-origin"), Some(PORTAL));
		assert_eq!(listed(&answer, "access-control-expose-headers"), set(&["retry-after"]));
		assert_eq!(reached.load(Ordering::SeqCst), 1);
		// ...and the next one's 429 carries what the page needs to read it and its Retry-After.
		let answer = get_from(&base, PORTAL).await;
		assert_eq!(answer.status(), StatusCode::TOO_MANY_REQUESTS);
		assert_eq!(header(&answer, "access-control-allow-origin"), Some(PORTAL));
		assert_eq!(listed(&answer, "access-control-expose-headers"), set(&["retry-after"]));
		assert_eq!(header(&answer, "retry-after"), Some("1"));
		assert_eq!(reached.load(Ordering::SeqCst), 1);
	}

	#[tokio::test]
	async fn another_origin_is_not_allowed() {
		let (base, _) = serve(&[PORTAL], RateLimit::new(1000.0, 1000.0, 100)).await;
		for origin in [
			"http://localhost:5173",
			"https://127.0.0.1:5173",
			"http://127.0.0.1:5174",
			"https://evil.example",
			"null",
		] {
			let answer = preflight(&base, origin).await;
			assert_eq!(header(&answer, "access-control-allow-origin"), None, "{origin}");
			// Served (the gateway answers any client alike), but the browser withholds it from
			// the page.
			let answer = get_from(&base, origin).await;
			assert_eq!(answer.status(), StatusCode::OK);
			assert_eq!(header(&answer, "access-control-allow-origin"), None, "{origin}");
		}
	}

	#[tokio::test]
	async fn without_origins_no_cors_header_at_all() {
		let (base, reached) = serve(&[], RateLimit::new(1000.0, 1000.0, 100)).await;
		let answer = preflight(&base, PORTAL).await;
		// As before the allow-list: OPTIONS is a method no route has.
		assert_eq!(answer.status(), StatusCode::METHOD_NOT_ALLOWED);
		assert_eq!(cors_headers(&answer), Vec::<String>::new());
		let answer = get_from(&base, PORTAL).await;
		assert_eq!(answer.status(), StatusCode::OK);
		assert_eq!(cors_headers(&answer), Vec::<String>::new());
		assert_eq!(reached.load(Ordering::SeqCst), 1);
	}
}
