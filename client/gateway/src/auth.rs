//! Who a signed request comes from.
//!
//! A requester signs each request once, over [`request_message`]: this gateway's custodian (so
//! that a signed request cannot be relayed to another clinic's gateway), when it was signed, a
//! random request id, the method and the path with its query. The gateway answers a request
//! only if signed at most `SIGNED_WITHIN_MS` before its own clock and `SIGNED_AHEAD_MS`
//! after, never one signed before it started (plus that margin), and each request id of an
//! account once ([`crate::seen`]): a copy of a request, replayed by whoever saw it, is refused.
//! The ids live in memory only; that nothing the last run could have answered is answered is
//! what keeps a restart from opening the door to replays (so the clock must not be set back
//! across a restart: NTP).
//!
//! The older way, kept for the portal: the requester asks for a one-time challenge
//! (`POST /v1/challenges`) and signs [`signed_message`] over it instead of a time and an id.
//! Challenges live in memory only: single use, bound to the account they were issued to, good
//! for `challenge_lifetime`, and capped per peer address and in total, so that asking for them
//! costs the gateway no database write and no unbounded memory. A restart only invalidates
//! the challenges outstanding at that moment; requesters ask again.
//!
//! Either way the signature is checked before anything is remembered or counted: a forger can
//! neither burn someone's challenge or request id nor spend their rate allowance; and the
//! challenge or id is used up before the account's rate is counted: a replayed copy is refused
//! without spending it either.
//!
//! The staff routes are not signed: they carry the gateway's staff token, compared here in full
//! (`constant_time_eq`).

use crate::{
	problem::Problem,
	rate_limit::RateLimit,
	seen::{NotAnswered, SeenRequests},
	Gateway,
};
use axum::{
	extract::{ConnectInfo, State},
	http::{HeaderMap, Method, Uri},
	Json,
};
use medledger_client::{
	gateway::{
		request_message, signed_message, Challenge, Custodian, ACCOUNT_HEADER, CHALLENGE_HEADER,
		REQUEST_HEADER, SIGNATURE_HEADER, SIGNED_AT_HEADER,
	},
	types::AccountId,
};
use rand::RngCore;
use serde::Deserialize;
use std::{
	collections::HashMap,
	net::{IpAddr, SocketAddr},
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

/// Why no challenge was issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChallengeRefused {
	/// The peer holds as many unanswered challenges as it may.
	PeerHasTooMany,
	/// The gateway holds as many unanswered challenges as it keeps.
	TooMany,
}

/// The challenges issued and not yet answered.
pub struct Challenges {
	lifetime: Duration,
	max_per_peer: usize,
	max_total: usize,
	book: Mutex<Book>,
}

#[derive(Default)]
struct Book {
	issued: HashMap<String, Issued>,
	per_peer: HashMap<IpAddr, usize>,
}

struct Issued {
	account: [u8; 32],
	peer: IpAddr,
	expires: Instant,
}

impl Book {
	fn remove(&mut self, challenge: &str) {
		if let Some(issued) = self.issued.remove(challenge) {
			if let Some(count) = self.per_peer.get_mut(&issued.peer) {
				*count = count.saturating_sub(1);
				if *count == 0 {
					self.per_peer.remove(&issued.peer);
				}
			}
		}
	}

	fn purge_expired(&mut self, now: Instant) {
		let expired: Vec<String> = self
			.issued
			.iter()
			.filter(|(_, issued)| issued.expires < now)
			.map(|(challenge, _)| challenge.clone())
			.collect();
		for challenge in expired {
			self.remove(&challenge);
		}
	}

	fn held_by(&self, peer: &IpAddr) -> usize {
		self.per_peer.get(peer).copied().unwrap_or(0)
	}
}

impl Challenges {
	pub fn new(lifetime: Duration, max_per_peer: usize, max_total: usize) -> Self {
		Self { lifetime, max_per_peer, max_total, book: Mutex::new(Book::default()) }
	}

	/// How long a challenge may be answered.
	pub fn lifetime(&self) -> Duration {
		self.lifetime
	}

	/// A fresh challenge for `account`, asked for by `peer` (a [`crate::rate_limit::peer_key`]).
	pub fn issue(
		&self,
		account: &AccountId,
		peer: IpAddr,
		now: Instant,
	) -> Result<String, ChallengeRefused> {
		let Ok(mut book) = self.book.lock() else { return Err(ChallengeRefused::TooMany) };
		if book.held_by(&peer) >= self.max_per_peer || book.issued.len() >= self.max_total {
			book.purge_expired(now);
		}
		if book.held_by(&peer) >= self.max_per_peer {
			return Err(ChallengeRefused::PeerHasTooMany);
		}
		if book.issued.len() >= self.max_total {
			return Err(ChallengeRefused::TooMany);
		}
		let mut bytes = [0u8; 32];
		rand::rngs::OsRng.fill_bytes(&mut bytes);
		let challenge = hex::encode(bytes);
		book.issued.insert(
			challenge.clone(),
			Issued { account: account.0, peer, expires: now + self.lifetime },
		);
		*book.per_peer.entry(peer).or_insert(0) += 1;
		Ok(challenge)
	}

	/// Use up `challenge` for `account`: true once, if it was issued to that account and has
	/// not expired; false ever after. A challenge of another account is left as it was, so
	/// that naming it does not burn it.
	pub fn take(&self, challenge: &str, account: &AccountId, now: Instant) -> bool {
		let Ok(mut book) = self.book.lock() else { return false };
		let found = book
			.issued
			.get(challenge)
			.map(|issued| (issued.account == account.0, issued.expires >= now));
		match found {
			Some((true, fresh)) => {
				book.remove(challenge);
				fresh
			},
			Some((false, false)) => {
				book.remove(challenge);
				false
			},
			Some((false, true)) | None => false,
		}
	}

	/// How many challenges are outstanding (expired ones included until purged).
	pub fn outstanding(&self) -> usize {
		self.book.lock().map_or(0, |book| book.issued.len())
	}
}

const PEER_HAS_TOO_MANY: &str =
	"your address holds too many unanswered challenges: answer them or let them expire";

#[derive(Deserialize)]
pub struct ChallengeRequest {
	account: String,
}

/// `POST /v1/challenges`: a one-time challenge for an account, naming this gateway's
/// custodian. The peer's rate limit was taken already; nothing is written anywhere.
pub async fn issue_challenge(
	State(gateway): State<Arc<Gateway>>,
	ConnectInfo(peer): ConnectInfo<SocketAddr>,
	Json(request): Json<ChallengeRequest>,
) -> Result<Json<Challenge>, Problem> {
	let account: AccountId = request.account.parse().map_err(|_| {
		Problem::new(
			axum::http::StatusCode::BAD_REQUEST,
			"Bad account",
			"account must be an SS58 address",
		)
	})?;
	let peer = crate::rate_limit::peer_key(peer.ip());
	let challenge =
		gateway.challenges.issue(&account, peer, Instant::now()).map_err(|refused| {
			Problem::too_many(match refused {
				ChallengeRefused::PeerHasTooMany => PEER_HAS_TOO_MANY,
				ChallengeRefused::TooMany => "the gateway holds too many unanswered challenges",
			})
		})?;
	Ok(Json(Challenge {
		challenge,
		expires_in_seconds: gateway.challenges.lifetime().as_secs(),
		custodian: gateway.custodian.to_string(),
	}))
}

/// The clinic this gateway answers for: what a signed request names.
pub async fn custodian(State(gateway): State<Arc<Gateway>>) -> Json<Custodian> {
	Json(Custodian { custodian: gateway.custodian.to_string() })
}

/// The account that signed this request, once its signature, its time and its id (or its
/// challenge) are checked and the account's rate allows it.
pub async fn authenticate(
	gateway: &Gateway,
	method: &Method,
	uri: &Uri,
	headers: &HeaderMap,
) -> Result<AccountId, Problem> {
	verify(
		&Verifier {
			custodian: &gateway.custodian,
			challenges: &gateway.challenges,
			seen: &gateway.seen,
			accounts: &gateway.accounts,
		},
		method,
		uri,
		headers,
		Instant::now(),
		unix_ms(),
	)
}

/// Milliseconds since the Unix epoch, by this machine's clock.
pub fn unix_ms() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map_or(0, |d| d.as_millis() as u64)
}

/// What checking a signed request needs.
pub struct Verifier<'a> {
	pub custodian: &'a AccountId,
	pub challenges: &'a Challenges,
	pub seen: &'a SeenRequests,
	pub accounts: &'a RateLimit<[u8; 32]>,
}

/// What makes a signed request fresh: a challenge the gateway issued, or a time and an id.
enum Freshness {
	Challenge(String),
	Signed { id: [u8; 16], id_hex: String, at_ms: u64 },
}

const HOW_TO_SIGN: &str = "sign the request: send x-medledger-account, x-medledger-request (16 \
	random bytes, hex), x-medledger-signed-at (milliseconds since the Unix epoch) and \
	x-medledger-signature (see /openapi.json); or answer a challenge from POST /v1/challenges \
	with x-medledger-challenge";

/// [`authenticate`], at `now` (`now_ms` by the clock).
pub fn verify(
	verifier: &Verifier,
	method: &Method,
	uri: &Uri,
	headers: &HeaderMap,
	now: Instant,
	now_ms: u64,
) -> Result<AccountId, Problem> {
	let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
	let (Some(account), Some(signature)) = (header(ACCOUNT_HEADER), header(SIGNATURE_HEADER))
	else {
		return Err(Problem::unauthorized(HOW_TO_SIGN));
	};
	let freshness =
		match (header(CHALLENGE_HEADER), header(REQUEST_HEADER), header(SIGNED_AT_HEADER)) {
			(Some(challenge), None, None) => Freshness::Challenge(challenge),
			(None, Some(id_hex), Some(at)) => {
				let id: [u8; 16] =
					hex::decode(&id_hex).ok().and_then(|id| id.try_into().ok()).ok_or_else(
						|| Problem::unauthorized("x-medledger-request is not 16 bytes of hex"),
					)?;
				let at_ms: u64 = at.parse().map_err(|_| {
					Problem::unauthorized(
						"x-medledger-signed-at is not a number of milliseconds since the Unix epoch",
					)
				})?;
				verifier.seen.in_time(at_ms, now_ms).map_err(NotAnswered::problem)?;
				Freshness::Signed { id, id_hex, at_ms }
			},
			_ => return Err(Problem::unauthorized(HOW_TO_SIGN)),
		};
	let requester: AccountId = account
		.parse()
		.map_err(|_| Problem::unauthorized("x-medledger-account is not an SS58 address"))?;
	let signature: [u8; 64] = hex::decode(&signature)
		.ok()
		.and_then(|s| s.try_into().ok())
		.ok_or_else(|| Problem::unauthorized("x-medledger-signature is not 64 bytes of hex"))?;
	let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
	let message = match &freshness {
		Freshness::Challenge(challenge) => {
			signed_message(verifier.custodian, challenge, method.as_str(), path)
		},
		Freshness::Signed { id_hex, at_ms, .. } => {
			request_message(verifier.custodian, *at_ms, id_hex, method.as_str(), path)
		},
	};
	let public = subxt_signer::sr25519::PublicKey(requester.0);
	if !subxt_signer::sr25519::verify(
		&subxt_signer::sr25519::Signature(signature),
		&message,
		&public,
	) {
		return Err(Problem::unauthorized(
			"the signature does not verify for this account, request and gateway (the message \
			 names the gateway's custodian: GET /v1/custodian)",
		));
	}
	// Checked after the signature, so that a forger cannot burn someone else's challenge or id;
	// and before the account's rate, so that a copy replayed by whoever saw the request does
	// not spend the account's allowance.
	match freshness {
		Freshness::Challenge(challenge) => {
			if !verifier.challenges.take(&challenge, &requester, now) {
				return Err(Problem::unauthorized(
					"the challenge was used already, expired, or issued to another account",
				));
			}
		},
		Freshness::Signed { id, .. } => {
			verifier.seen.first_sight(&requester, id, now_ms).map_err(NotAnswered::problem)?
		},
	}
	// Only now is the account known to be the requester's, and may be counted against it.
	if !verifier.accounts.allow(&requester.0, now) {
		return Err(Problem::too_many("too many requests from this account"));
	}
	Ok(requester)
}

pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
	a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
	use super::*;
	use axum::http::{HeaderValue, StatusCode};
	use medledger_client::gateway::{SIGNED_AHEAD_MS, SIGNED_WITHIN_MS};
	use medledger_client::Keys;

	const PATH: &str = "/v1/records/7?purpose=treatment";

	fn clinic() -> AccountId {
		Keys::from_uri("//Alice").unwrap().account_id()
	}

	fn signed(
		keys: &Keys,
		claimed: &AccountId,
		challenge: &str,
		custodian: &AccountId,
	) -> HeaderMap {
		let signature = keys.account().sign(&signed_message(custodian, challenge, "GET", PATH));
		let mut headers = HeaderMap::new();
		headers.insert(ACCOUNT_HEADER, HeaderValue::from_str(&claimed.to_string()).unwrap());
		headers.insert(CHALLENGE_HEADER, HeaderValue::from_str(challenge).unwrap());
		headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(&hex::encode(signature.0)).unwrap());
		headers
	}

	/// A request signed by `keys` at `at_ms` with id `id`, claiming `claimed`, for `custodian`.
	fn signed_at(
		keys: &Keys,
		claimed: &AccountId,
		at_ms: u64,
		id: [u8; 16],
		custodian: &AccountId,
	) -> HeaderMap {
		let id = hex::encode(id);
		let signature = keys.account().sign(&request_message(custodian, at_ms, &id, "GET", PATH));
		let mut headers = HeaderMap::new();
		headers.insert(ACCOUNT_HEADER, HeaderValue::from_str(&claimed.to_string()).unwrap());
		headers.insert(REQUEST_HEADER, HeaderValue::from_str(&id).unwrap());
		headers.insert(SIGNED_AT_HEADER, HeaderValue::from_str(&at_ms.to_string()).unwrap());
		headers.insert(SIGNATURE_HEADER, HeaderValue::from_str(&hex::encode(signature.0)).unwrap());
		headers
	}

	/// The gateway's start, by its clock.
	const STARTED_MS: u64 = 1_800_000_000_000;

	struct Setup {
		challenges: Challenges,
		seen: SeenRequests,
		accounts: RateLimit<[u8; 32]>,
	}

	impl Setup {
		fn new(account_burst: f64) -> Self {
			Self::with_max_seen(account_burst, 1000)
		}

		fn with_max_seen(account_burst: f64, max_seen: usize) -> Self {
			Self {
				challenges: Challenges::new(Duration::from_secs(60), 4, 100),
				seen: SeenRequests::new(STARTED_MS, max_seen),
				accounts: RateLimit::new(0.001, account_burst, 100),
			}
		}

		fn verify(&self, headers: &HeaderMap, now: Instant) -> Result<AccountId, Problem> {
			self.verify_at(headers, now, STARTED_MS + 10_000)
		}

		fn verify_at(
			&self,
			headers: &HeaderMap,
			now: Instant,
			now_ms: u64,
		) -> Result<AccountId, Problem> {
			let custodian = clinic();
			let verifier = Verifier {
				custodian: &custodian,
				challenges: &self.challenges,
				seen: &self.seen,
				accounts: &self.accounts,
			};
			verify(&verifier, &Method::GET, &PATH.parse().unwrap(), headers, now, now_ms)
		}
	}

	fn peer() -> IpAddr {
		"192.0.2.1".parse().unwrap()
	}

	#[test]
	fn a_challenge_works_once_only_for_its_account_and_not_after_it_expires() {
		let challenges = Challenges::new(Duration::from_secs(60), 4, 100);
		let (bob, eve) = (Keys::from_uri("//Bob").unwrap(), Keys::from_uri("//Eve").unwrap());
		let now = Instant::now();
		let c = challenges.issue(&bob.account_id(), peer(), now).unwrap();
		assert!(!challenges.take(&c, &eve.account_id(), now), "issued to Bob");
		assert!(challenges.take(&c, &bob.account_id(), now), "Eve's try did not burn it");
		assert!(!challenges.take(&c, &bob.account_id(), now), "single use");
		let old = challenges.issue(&bob.account_id(), peer(), now).unwrap();
		assert!(!challenges.take(&old, &bob.account_id(), now + Duration::from_secs(61)));
		assert_eq!(challenges.outstanding(), 0, "an expired challenge is dropped when tried");
	}

	#[test]
	fn outstanding_challenges_are_capped_per_peer_and_in_total() {
		let challenges = Challenges::new(Duration::from_secs(60), 2, 3);
		let bob = Keys::from_uri("//Bob").unwrap().account_id();
		let now = Instant::now();
		let other: IpAddr = "198.51.100.9".parse().unwrap();
		let third: IpAddr = "203.0.113.5".parse().unwrap();
		let first = challenges.issue(&bob, peer(), now).unwrap();
		challenges.issue(&bob, peer(), now).unwrap();
		assert_eq!(challenges.issue(&bob, peer(), now), Err(ChallengeRefused::PeerHasTooMany));
		challenges.issue(&bob, other, now).unwrap();
		assert_eq!(challenges.issue(&bob, third, now), Err(ChallengeRefused::TooMany));
		// Answering one makes room for its peer.
		assert!(challenges.take(&first, &bob, now));
		challenges.issue(&bob, peer(), now).unwrap();
		// Expired ones make room too.
		let later = now + Duration::from_secs(61);
		challenges.issue(&bob, third, later).unwrap();
		assert_eq!(challenges.outstanding(), 1);
	}

	#[test]
	fn a_forger_can_neither_burn_a_challenge_nor_spend_the_accounts_allowance() {
		let setup = Setup::new(2.0);
		let (dave, eve) = (Keys::from_uri("//Dave").unwrap(), Keys::from_uri("//Eve").unwrap());
		let now = Instant::now();
		let challenge = setup.challenges.issue(&dave.account_id(), peer(), now).unwrap();
		// Eve signs Dave's challenge claiming to be Dave, many times over Dave's burst.
		for _ in 0..10 {
			let forged = signed(&eve, &dave.account_id(), &challenge, &clinic());
			let refused = setup.verify(&forged, now).unwrap_err();
			assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
		}
		let genuine = signed(&dave, &dave.account_id(), &challenge, &clinic());
		assert_eq!(setup.verify(&genuine, now).unwrap(), dave.account_id());
		let replay = setup.verify(&genuine, now).unwrap_err();
		assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
		assert!(replay.detail().contains("used already"));
	}

	#[test]
	fn a_request_signed_for_another_gateway_is_refused() {
		let setup = Setup::new(20.0);
		let dave = Keys::from_uri("//Dave").unwrap();
		let elsewhere = Keys::from_uri("//Bob").unwrap().account_id();
		let now = Instant::now();
		let challenge = setup.challenges.issue(&dave.account_id(), peer(), now).unwrap();
		let relayed = signed(&dave, &dave.account_id(), &challenge, &elsewhere);
		assert_eq!(setup.verify(&relayed, now).unwrap_err().status(), StatusCode::UNAUTHORIZED);
		let meant = signed(&dave, &dave.account_id(), &challenge, &clinic());
		assert!(setup.verify(&meant, now).is_ok());
	}

	#[test]
	fn a_verified_account_past_its_burst_is_slowed() {
		let setup = Setup::new(1.0);
		let dave = Keys::from_uri("//Dave").unwrap();
		let now = Instant::now();
		let first = setup.challenges.issue(&dave.account_id(), peer(), now).unwrap();
		let second = setup.challenges.issue(&dave.account_id(), peer(), now).unwrap();
		assert!(setup.verify(&signed(&dave, &dave.account_id(), &first, &clinic()), now).is_ok());
		let slowed =
			setup.verify(&signed(&dave, &dave.account_id(), &second, &clinic()), now).unwrap_err();
		assert_eq!(slowed.status(), StatusCode::TOO_MANY_REQUESTS);
		// The challenge was answered (its signature verified): used up, as a copy of it would be.
		assert_eq!(setup.challenges.outstanding(), 0);
	}

	#[test]
	fn a_replayed_copy_does_not_spend_the_accounts_allowance() {
		let setup = Setup::new(2.0);
		let dave = Keys::from_uri("//Dave").unwrap();
		let now = Instant::now();
		let at = STARTED_MS + 5_000;
		let request = signed_at(&dave, &dave.account_id(), at, [1; 16], &clinic());
		assert!(setup.verify_at(&request, now, at).is_ok());
		let challenge = setup.challenges.issue(&dave.account_id(), peer(), now).unwrap();
		let answered = signed(&dave, &dave.account_id(), &challenge, &clinic());
		assert!(setup.verify_at(&answered, now, at).is_ok());
		// Whoever saw both replays them, many times: refused, and Dave's burst (2) is spent only
		// by his own two requests...
		for _ in 0..10 {
			assert!(setup.verify_at(&request, now, at).unwrap_err().detail().contains("already"));
			assert!(setup.verify_at(&answered, now, at).unwrap_err().detail().contains("used"));
		}
		// ...so his next request is slowed for his own, not for the replays: the burst of 2 is
		// gone, but only just.
		let next = signed_at(&dave, &dave.account_id(), at, [2; 16], &clinic());
		assert_eq!(
			setup.verify_at(&next, now, at).unwrap_err().status(),
			StatusCode::TOO_MANY_REQUESTS
		);
		let fresh = Setup::new(3.0);
		assert!(fresh.verify_at(&request, now, at).is_ok());
		for _ in 0..10 {
			assert!(fresh.verify_at(&request, now, at).is_err());
		}
		let next = signed_at(&dave, &dave.account_id(), at, [3; 16], &clinic());
		assert!(fresh.verify_at(&next, now, at).is_ok(), "the replays spent nothing");
	}

	#[test]
	fn a_signed_request_is_answered_once() {
		let setup = Setup::new(20.0);
		let dave = Keys::from_uri("//Dave").unwrap();
		let now = Instant::now();
		let at = STARTED_MS + 5_000;
		let request = signed_at(&dave, &dave.account_id(), at, [1; 16], &clinic());
		assert_eq!(setup.verify_at(&request, now, at + 200).unwrap(), dave.account_id());
		// Replayed by whoever saw it, at once or as late as its time allows.
		for later in [at - SIGNED_AHEAD_MS, at + 201, at + SIGNED_WITHIN_MS] {
			let replay = setup.verify_at(&request, now, later).unwrap_err();
			assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
			assert!(replay.detail().contains("answered already"), "{}", replay.detail());
		}
		// Past its time it is refused for its time.
		let late = setup.verify_at(&request, now, at + SIGNED_WITHIN_MS + 1).unwrap_err();
		assert!(late.detail().contains("the gateway's clock"), "{}", late.detail());
		// Another id is another request; another account's same id too.
		let next = signed_at(&dave, &dave.account_id(), at, [2; 16], &clinic());
		assert!(setup.verify_at(&next, now, at + 300).is_ok());
		let ferdie = Keys::from_uri("//Ferdie").unwrap();
		let same_id = signed_at(&ferdie, &ferdie.account_id(), at, [1; 16], &clinic());
		assert!(setup.verify_at(&same_id, now, at + 300).is_ok());
		assert_eq!(setup.seen.remembered(), 3);
	}

	#[test]
	fn a_request_out_of_time_or_from_before_the_start_is_refused_unremembered() {
		let setup = Setup::new(20.0);
		let dave = Keys::from_uri("//Dave").unwrap();
		let now = Instant::now();
		let now_ms = STARTED_MS + 100_000;
		for at in [now_ms - SIGNED_WITHIN_MS - 1, now_ms + SIGNED_AHEAD_MS + 1] {
			let request = signed_at(&dave, &dave.account_id(), at, [3; 16], &clinic());
			let refused = setup.verify_at(&request, now, now_ms).unwrap_err();
			assert_eq!(refused.status(), StatusCode::UNAUTHORIZED);
		}
		// Signed a moment before the gateway started, or by a clock a little ahead for a moment
		// just after: the last run may have answered it. Brought to the new run, refused.
		for at in [STARTED_MS - 1, STARTED_MS + SIGNED_AHEAD_MS] {
			let before = signed_at(&dave, &dave.account_id(), at, [4; 16], &clinic());
			let refused = setup.verify_at(&before, now, STARTED_MS + 10).unwrap_err();
			assert_eq!(refused.status(), StatusCode::TOO_EARLY);
			assert!(refused.detail().contains("just started"), "{}", refused.detail());
		}
		assert_eq!(setup.seen.remembered(), 0);
		// Within the time either way: answered.
		for (id, at) in [(5, now_ms - SIGNED_WITHIN_MS), (6, now_ms + SIGNED_AHEAD_MS)] {
			let request = signed_at(&dave, &dave.account_id(), at, [id; 16], &clinic());
			assert!(setup.verify_at(&request, now, now_ms).is_ok());
		}
	}

	#[test]
	fn a_forger_can_neither_burn_a_request_id_nor_fill_the_memory() {
		let setup = Setup::with_max_seen(100.0, 2);
		let (dave, eve) = (Keys::from_uri("//Dave").unwrap(), Keys::from_uri("//Eve").unwrap());
		let now = Instant::now();
		let at = STARTED_MS + 5_000;
		for _ in 0..10 {
			let forged = signed_at(&eve, &dave.account_id(), at, [7; 16], &clinic());
			assert_eq!(
				setup.verify_at(&forged, now, at).unwrap_err().status(),
				StatusCode::UNAUTHORIZED
			);
			// Signed for another clinic's gateway: not this one's.
			let relayed = signed_at(&dave, &dave.account_id(), at, [8; 16], &dave.account_id());
			assert_eq!(
				setup.verify_at(&relayed, now, at).unwrap_err().status(),
				StatusCode::UNAUTHORIZED
			);
		}
		assert_eq!(setup.seen.remembered(), 0);
		let genuine = signed_at(&dave, &dave.account_id(), at, [7; 16], &clinic());
		assert!(setup.verify_at(&genuine, now, at).is_ok());
		// Full: turned away with 429, not forgotten early.
		assert!(setup
			.verify_at(&signed_at(&dave, &dave.account_id(), at, [9; 16], &clinic()), now, at)
			.is_ok());
		let full = signed_at(&dave, &dave.account_id(), at, [10; 16], &clinic());
		assert_eq!(
			setup.verify_at(&full, now, at).unwrap_err().status(),
			StatusCode::TOO_MANY_REQUESTS
		);
		assert!(setup.verify_at(&genuine, now, at).unwrap_err().detail().contains("already"));
	}

	#[test]
	fn signed_headers_must_be_one_way_or_the_other() {
		let setup = Setup::new(20.0);
		let dave = Keys::from_uri("//Dave").unwrap();
		let now = Instant::now();
		let challenge = setup.challenges.issue(&dave.account_id(), peer(), now).unwrap();
		let mut both = signed(&dave, &dave.account_id(), &challenge, &clinic());
		both.insert(REQUEST_HEADER, HeaderValue::from_static("00000000000000000000000000000000"));
		both.insert(SIGNED_AT_HEADER, HeaderValue::from_static("1800000009000"));
		assert_eq!(setup.verify(&both, now).unwrap_err().status(), StatusCode::UNAUTHORIZED);
		let mut no_time =
			signed_at(&dave, &dave.account_id(), STARTED_MS + 9_000, [1; 16], &clinic());
		no_time.remove(SIGNED_AT_HEADER);
		assert_eq!(setup.verify(&no_time, now).unwrap_err().status(), StatusCode::UNAUTHORIZED);
		let mut short_id = signed_at(&dave, &dave.account_id(), STARTED_MS + 1, [1; 16], &clinic());
		short_id.insert(REQUEST_HEADER, HeaderValue::from_static("00ff"));
		assert!(setup.verify(&short_id, now).unwrap_err().detail().contains("16 bytes"));
		assert_eq!(setup.challenges.outstanding(), 1, "nothing was used up");
		assert_eq!(setup.seen.remembered(), 0);
	}

	#[test]
	fn tokens_compare_in_full() {
		assert!(constant_time_eq(b"secret", b"secret"));
		assert!(!constant_time_eq(b"secret", b"secreT"));
		assert!(!constant_time_eq(b"secret", b"secret2"));
	}
}
