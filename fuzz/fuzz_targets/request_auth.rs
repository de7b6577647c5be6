//! The gateway's reading of a signed request (`auth::verify`): the account, challenge and
//! signature headers, and the method and path the signature covers, against the challenges
//! the gateway issued. Also the purpose of a fetch (`?purpose=`), parsed by
//! `Purpose`'s `FromStr`.
//!
//! The input ([`Request`]) is a method, a request target, the three headers (absent, a
//! well-formed one for the requester, or raw bytes), other headers, and whether the requester
//! signs the request for real, and if so which part of what it signs differs from what it
//! sends.
//!
//! - Nothing panics, whatever the bytes.
//! - A request not signed by the requester's key is refused, with 401 (or 429 once the account
//!   is known), never accepted and never a 500.
//! - A request the requester signed, for any method and path, is accepted once, as the
//!   requester, and refused when replayed.
//! - A signature over anything else (another method, path, challenge, gateway, or claimed
//!   account) is refused, and does not use the challenge up: a forger cannot burn a
//!   requester's challenge.

#![no_main]

use arbitrary::Arbitrary;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use libfuzzer_sys::fuzz_target;
use medledger_client::{
	gateway::{signed_message, ACCOUNT_HEADER, CHALLENGE_HEADER, SIGNATURE_HEADER},
	types::{AccountId, Purpose},
	Keys,
};
use medledger_gateway::{
	auth::{verify, Challenges},
	rate_limit::RateLimit,
};
use std::{
	net::{IpAddr, Ipv4Addr},
	sync::LazyLock,
	time::{Duration, Instant},
};

/// The clinic the gateway answers for.
static CLINIC: LazyLock<AccountId> = LazyLock::new(|| keys("//Alice").account_id());
/// Another clinic, whose gateway a signed request may be meant for.
static ELSEWHERE: LazyLock<AccountId> = LazyLock::new(|| keys("//Bob").account_id());
/// Someone whom the requester claims to be.
static OTHER: LazyLock<AccountId> = LazyLock::new(|| keys("//Eve").account_id());
/// The requester, whose challenges the gateway issued.
static REQUESTER: LazyLock<Keys> = LazyLock::new(|| keys("//Dave"));

/// The peer every challenge is issued to.
const PEER: IpAddr = IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1));

fn keys(uri: &str) -> Keys {
	Keys::from_uri(uri).unwrap_or_else(|e| panic!("the development key {uri}: {e}"))
}

#[derive(Arbitrary, Debug)]
struct Request {
	method: Vec<u8>,
	target: String,
	account: Header,
	challenge: Header,
	signature: Header,
	/// Other headers, name and value.
	others: Vec<(Vec<u8>, Vec<u8>)>,
	/// `Some` when the requester signs the request, with what differs in what it signs.
	signed: Option<Tamper>,
	purpose: String,
}

/// One of the three headers, when the requester does not sign for real.
#[derive(Arbitrary, Debug)]
enum Header {
	Absent,
	/// The requester's account, the challenge issued to it, or these 64 bytes in hex.
	WellFormed([u8; 64]),
	Raw(Vec<u8>),
}

/// What the requester signs other than what it sends.
#[derive(Arbitrary, Debug, PartialEq)]
enum Tamper {
	/// Nothing: a genuine request.
	Nothing,
	/// Another method.
	Method,
	/// A longer path.
	Path,
	/// Another challenge issued to it.
	Challenge,
	/// For another clinic's gateway.
	Gateway,
	/// It signs as itself but claims another account.
	ClaimedAccount,
}

fuzz_target!(|request: Request| {
	let _ = request.purpose.parse::<Purpose>();
	let (Ok(method), Ok(uri)) =
		(Method::from_bytes(&request.method), request.target.parse::<Uri>())
	else {
		return;
	};
	let clinic: &AccountId = &CLINIC;
	let requester = REQUESTER.account_id();
	let challenges = Challenges::new(Duration::from_secs(60), 4, 100);
	let accounts = RateLimit::new(1.0, 10.0, 100);
	let now = Instant::now();
	let issued = challenges
		.issue(&requester, PEER, now)
		.unwrap_or_else(|refused| panic!("no room for the first challenge: {refused:?}"));
	let mut headers = HeaderMap::new();
	for (name, value) in &request.others {
		if let (Ok(name), Ok(value)) =
			(HeaderName::from_bytes(name), HeaderValue::from_bytes(value))
		{
			headers.append(name, value);
		}
	}
	let check =
		|headers: &HeaderMap| verify(clinic, &challenges, &accounts, &method, &uri, headers, now);

	let Some(tamper) = request.signed else {
		set(&mut headers, ACCOUNT_HEADER, &request.account, |_| requester.to_string());
		set(&mut headers, CHALLENGE_HEADER, &request.challenge, |_| issued.clone());
		set(&mut headers, SIGNATURE_HEADER, &request.signature, |bytes| hex::encode(bytes));
		match check(&headers) {
			Ok(account) => panic!("a request nobody signed was accepted as {account}"),
			Err(refused) => assert!(
				[StatusCode::UNAUTHORIZED, StatusCode::TOO_MANY_REQUESTS]
					.contains(&refused.status()),
				"an unsigned request was refused with {}: {refused}",
				refused.status()
			),
		}
		return;
	};

	// What the requester signs: the request as the gateway reads it, but for `tamper`.
	let path = uri.path_and_query().map_or(uri.path(), |p| p.as_str());
	let other_challenge = challenges
		.issue(&requester, PEER, now)
		.unwrap_or_else(|refused| panic!("no room for a second challenge: {refused:?}"));
	let other_method = if method == Method::GET { Method::POST } else { Method::GET };
	let longer_path = format!("{path}x");
	let mut gateway = clinic;
	let (mut challenge, mut signed_method, mut signed_path) = (&issued, &method, path);
	let mut claimed = requester.clone();
	match tamper {
		Tamper::Nothing => {},
		Tamper::Method => signed_method = &other_method,
		Tamper::Path => signed_path = longer_path.as_str(),
		Tamper::Challenge => challenge = &other_challenge,
		Tamper::Gateway => gateway = &*ELSEWHERE,
		Tamper::ClaimedAccount => claimed = OTHER.clone(),
	}
	let message = signed_message(gateway, challenge, signed_method.as_str(), signed_path);
	let signature = REQUESTER.account().sign(&message);
	insert(&mut headers, ACCOUNT_HEADER, &claimed.to_string());
	insert(&mut headers, CHALLENGE_HEADER, &issued);
	insert(&mut headers, SIGNATURE_HEADER, &hex::encode(signature.0));

	let outstanding = challenges.outstanding();
	let verified = check(&headers);
	if tamper == Tamper::Nothing {
		let account = verified
			.unwrap_or_else(|refused| panic!("a genuine {method} {path} was refused: {refused}"));
		assert_eq!(account, requester, "a genuine request was taken for another account");
		let replayed = check(&headers);
		assert!(
			replayed.as_ref().is_err_and(|r| r.status() == StatusCode::UNAUTHORIZED),
			"a replayed {method} {path} was not refused with 401: {replayed:?}"
		);
	} else {
		match verified {
			Ok(account) => {
				panic!("a request signed with its {tamper:?} changed was accepted as {account}")
			},
			Err(refused) => assert_eq!(refused.status(), StatusCode::UNAUTHORIZED, "{refused}"),
		}
		assert_eq!(
			challenges.outstanding(),
			outstanding,
			"a refused signature used a challenge up"
		);
	}
});

/// Set header `name` as `header` says; `well_formed` makes its well-formed value.
fn set(
	headers: &mut HeaderMap,
	name: &'static str,
	header: &Header,
	well_formed: impl Fn(&[u8; 64]) -> String,
) {
	match header {
		Header::Absent => {
			headers.remove(name);
		},
		Header::WellFormed(bytes) => insert(headers, name, &well_formed(bytes)),
		Header::Raw(bytes) => {
			if let Ok(value) = HeaderValue::from_bytes(bytes) {
				headers.insert(name, value);
			}
		},
	}
}

/// Set header `name` to `value`, which is text a header can carry.
fn insert(headers: &mut HeaderMap, name: &'static str, value: &str) {
	let value = HeaderValue::from_str(value)
		.unwrap_or_else(|e| panic!("{name}: {value:?} is not a header value: {e}"));
	headers.insert(name, value);
}
