//! Who a signed request comes from.
//!
//! A requester asks for a one-time challenge (`POST /v1/challenges`) and signs
//! [`signed_message`]: this gateway's custodian (so that a signed request cannot be relayed to
//! another clinic's gateway), the challenge, the method and the path with its query. Challenges
//! live in memory only: single use, bound to the account they were issued to, good for
//! `challenge_lifetime`, and capped per peer address and in total, so that asking for them
//! costs the gateway no database write and no unbounded memory. A restart only invalidates
//! the challenges outstanding at that moment; requesters ask again.
//!
//! The staff routes are not signed: they carry the gateway's staff token, compared here in full
//! (`constant_time_eq`).

use crate::{problem::Problem, rate_limit::RateLimit, Gateway};
use axum::{
	extract::{ConnectInfo, State},
	http::{HeaderMap, Method, Uri},
	Json,
};
use medledger_client::{
	gateway::{signed_message, Challenge, ACCOUNT_HEADER, CHALLENGE_HEADER, SIGNATURE_HEADER},
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

/// The requester a signed request comes from: its signature, over this gateway's custodian
/// and a challenge issued to it, unexpired and not used before. The account's rate limit is
/// taken only after the signature verified.
pub async fn authenticate(
	gateway: &Gateway,
	method: &Method,
	uri: &Uri,
	headers: &HeaderMap,
) -> Result<AccountId, Problem> {
	verify(
		&gateway.custodian,
		&gateway.challenges,
		&gateway.accounts,
		method,
		uri,
		headers,
		Instant::now(),
	)
}

/// [`authenticate`], with what it reads given.
pub fn verify(
	custodian: &AccountId,
	challenges: &Challenges,
	accounts: &RateLimit<[u8; 32]>,
	method: &Method,
	uri: &Uri,
	headers: &HeaderMap,
	now: Instant,
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
	let signature: [u8; 64] = hex::decode(&signature)
		.ok()
		.and_then(|s| s.try_into().ok())
		.ok_or_else(|| Problem::unauthorized("x-medledger-signature is not 64 bytes of hex"))?;
	let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
	let message = signed_message(custodian, &challenge, method.as_str(), path);
	let public = subxt_signer::sr25519::PublicKey(requester.0);
	if !subxt_signer::sr25519::verify(
		&subxt_signer::sr25519::Signature(signature),
		&message,
		&public,
	) {
		return Err(Problem::unauthorized(
			"the signature does not verify for this account, challenge, request and gateway \
			 (the message names the gateway's custodian, from the challenge's answer)",
		));
	}
	// Only now is the account known to be the requester's, and may be counted against it.
	if !accounts.allow(&requester.0, now) {
		return Err(Problem::too_many("too many requests from this account"));
	}
	// Checked after the signature, so that a forger cannot burn someone else's challenge.
	if !challenges.take(&challenge, &requester, now) {
		return Err(Problem::unauthorized(
			"the challenge was used already, expired, or issued to another account",
		));
	}
	Ok(requester)
}

/// Whether two secrets (the staff token and the one a request carries) are equal, compared in
/// full whatever their first difference, so that the time taken tells nothing of it.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
	a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
	use super::*;
	use axum::http::{HeaderValue, StatusCode};
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

	struct Setup {
		challenges: Challenges,
		accounts: RateLimit<[u8; 32]>,
	}

	impl Setup {
		fn new(account_burst: f64) -> Self {
			Self {
				challenges: Challenges::new(Duration::from_secs(60), 4, 100),
				accounts: RateLimit::new(0.001, account_burst, 100),
			}
		}

		fn verify(&self, headers: &HeaderMap, now: Instant) -> Result<AccountId, Problem> {
			verify(
				&clinic(),
				&self.challenges,
				&self.accounts,
				&Method::GET,
				&PATH.parse().unwrap(),
				headers,
				now,
			)
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
		assert_eq!(setup.challenges.outstanding(), 1, "the refusal did not use the challenge up");
	}

	#[test]
	fn tokens_compare_in_full() {
		assert!(constant_time_eq(b"secret", b"secret"));
		assert!(!constant_time_eq(b"secret", b"secreT"));
		assert!(!constant_time_eq(b"secret", b"secret2"));
	}
}
