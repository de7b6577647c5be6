//! Talking to a clinic's records gateway: proving who you are with a signed request, fetching
//! a record and checking it against the chain, uploading one and looking after the
//! uploads the chain refused (clinic staff), and exporting grants as FHIR Consent resources.
//!
//! A request is signed once, over [`request_message`]: the gateway's custodian (the clinic it
//! answers for, so that a signed request cannot be relayed to another clinic's gateway), when it
//! was signed, a random request id, the method and the path with its query. The gateway
//! answers each request id once, and only if signed at most [`SIGNED_WITHIN_MS`] before its own
//! clock and [`SIGNED_AHEAD_MS`] after. The
//! older way, still served for the portal, signs a one-time challenge the gateway issued
//! ([`signed_message`]): two round trips a request instead of one.
//!
//! A client that knows which clinic it means to reach (`medledger fetch` does: the record's
//! custodian on chain) says so with [`GatewayClient::for_custodian`], and refuses to sign for a
//! gateway that answers for another clinic.

use crate::{
	keys::Keys,
	types::{AccountId, Purpose},
	Error,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The header naming the requester's account (SS58).
pub const ACCOUNT_HEADER: &str = "x-medledger-account";
/// The header carrying the challenge being answered (hex).
pub const CHALLENGE_HEADER: &str = "x-medledger-challenge";
/// The header carrying the sr25519 signature (hex) over [`request_message`] (or
/// [`signed_message`]).
pub const SIGNATURE_HEADER: &str = "x-medledger-signature";
/// The header carrying a signed request's id: 16 random bytes, hex.
pub const REQUEST_HEADER: &str = "x-medledger-request";
/// The header carrying when a request was signed: milliseconds since the Unix epoch.
pub const SIGNED_AT_HEADER: &str = "x-medledger-signed-at";
/// How long before the gateway's clock a request may have been signed.
pub const SIGNED_WITHIN_MS: u64 = 30_000;
/// How far ahead of the gateway's clock a request may have been signed (clocks differ a little;
/// more would let a request signed for the future outlive a restart of the gateway).
pub const SIGNED_AHEAD_MS: u64 = 2_000;

/// What a requester signs: domain, the gateway's custodian (SS58), when it was signed
/// (milliseconds since the Unix epoch), the request id (hex), method and path (with query), one
/// per line.
pub fn request_message(
	custodian: &AccountId,
	signed_at_ms: u64,
	request: &str,
	method: &str,
	path_and_query: &str,
) -> Vec<u8> {
	format!(
		"medledger-gateway/v3\n{custodian}\n{signed_at_ms}\n{request}\n{method}\n{path_and_query}"
	)
	.into_bytes()
}

/// What a requester signs to answer a challenge: domain, the gateway's custodian (SS58),
/// challenge, method and path (with query), one per line.
pub fn signed_message(
	custodian: &AccountId,
	challenge: &str,
	method: &str,
	path_and_query: &str,
) -> Vec<u8> {
	format!("medledger-gateway/v2\n{custodian}\n{challenge}\n{method}\n{path_and_query}")
		.into_bytes()
}

/// The clinic a gateway answers for (`GET /v1/custodian`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Custodian {
	/// SS58: what [`request_message`] names.
	pub custodian: String,
}

/// A challenge as the gateway issues it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Challenge {
	pub challenge: String,
	pub expires_in_seconds: u64,
	/// The clinic the gateway answers for (SS58): what [`signed_message`] names.
	pub custodian: String,
}

/// A release as the gateway sends it: the stored ciphertext and its key, sealed to the
/// requester.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Release {
	pub record: u64,
	/// Hex of the content hash the record has on chain.
	pub content_hash: String,
	/// Hex of the sealed box: 32 bytes of record key, then the stored ciphertext.
	pub sealed: String,
	/// The grant the release was made under, if any.
	pub grant: Option<u64>,
}

/// An upload the chain refused, as the gateway lists it to its clinic's staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarantined {
	/// Hex of the stored ciphertext's hash: what [`GatewayClient::requeue`] names.
	pub content_hash: String,
	/// The patient's SS58 account.
	pub patient: String,
	/// The record's class (`lab-results`).
	pub category: String,
	/// The FHIR resource type.
	pub resource_type: String,
	/// Its sensitivity labels, HL7 codes (`PSY`).
	pub labels: Vec<String>,
	/// Why the chain refused its document set, in the chain's words.
	pub reason: String,
	/// When it was quarantined, in milliseconds since the Unix epoch.
	pub quarantined_at: u64,
}

/// A record as its requester reads it, checked against the chain.
#[derive(Clone, Debug)]
pub struct OpenedRecord {
	pub record: u64,
	pub resource: Value,
	pub content_hash: [u8; 32],
	pub grant: Option<u64>,
}

/// Open a release with the requester's keys and check it: the ciphertext must hash to
/// `chain_hash` (the content hash the chain holds for the record) before it is decrypted.
pub fn open_release(
	keys: &Keys,
	release: &Release,
	chain_hash: &[u8; 32],
) -> Result<OpenedRecord, Error> {
	let sealed = hex::decode(&release.sealed)
		.map_err(|_| Error::Invalid("the release is not hex".into()))?;
	let package = keys.open(&sealed)?;
	if package.len() < 32 + 24 {
		return Err(Error::Invalid("the release is too short to hold a record".into()));
	}
	let (key, stored) = package.split_at(32);
	let hash = sp_crypto_hashing::blake2_256(stored);
	if &hash != chain_hash {
		return Err(Error::Invalid(format!(
			"the record's hash {} differs from the chain's {}: do not trust it",
			hex::encode(hash),
			hex::encode(chain_hash)
		)));
	}
	use chacha20poly1305::{
		aead::{Aead, KeyInit},
		XChaCha20Poly1305, XNonce,
	};
	let (nonce, ciphertext) = stored.split_at(24);
	let key: [u8; 32] = key.try_into().map_err(|_| Error::CannotOpen)?;
	let plain = XChaCha20Poly1305::new(&key.into())
		.decrypt(XNonce::from_slice(nonce), ciphertext)
		.map_err(|_| Error::CannotOpen)?;
	let resource = serde_json::from_slice(&plain)
		.map_err(|e| Error::Invalid(format!("the record is not JSON: {e}")))?;
	Ok(OpenedRecord { record: release.record, resource, content_hash: hash, grant: release.grant })
}

/// A problem as the gateway reports it (RFC 9457).
#[derive(Clone, Debug, Deserialize)]
pub struct Problem {
	pub title: String,
	pub status: u16,
	#[serde(default)]
	pub detail: String,
}

/// A records gateway at a base URL (`http://127.0.0.1:8080`).
#[derive(Clone)]
pub struct GatewayClient {
	base: String,
	http: reqwest::Client,
	/// The clinic the gateway must answer for, when the caller knows it.
	custodian: Option<AccountId>,
	/// The clinic the gateway says it answers for, once asked (shared by clones).
	answers_for: std::sync::Arc<tokio::sync::OnceCell<AccountId>>,
}

impl GatewayClient {
	/// The gateway at `base`, whichever clinic it answers for: requests are signed for the
	/// custodian its challenges name.
	pub fn new(base: &str) -> Self {
		Self {
			base: base.trim_end_matches('/').to_string(),
			http: reqwest::Client::new(),
			custodian: None,
			answers_for: Default::default(),
		}
	}

	/// The gateway at `base` of the clinic `custodian`: nothing is signed for a gateway that
	/// answers for another.
	pub fn for_custodian(base: &str, custodian: AccountId) -> Self {
		Self { custodian: Some(custodian), ..Self::new(base) }
	}

	/// The custodian to sign for: the one the challenge names, if it is the one expected.
	fn named_custodian(&self, custodian: &str) -> Result<AccountId, Error> {
		let named: AccountId = custodian.parse().map_err(|_| {
			Error::Invalid(format!(
				"the gateway at {} names no valid custodian ('{custodian}'): is it a MedLedger \
				 gateway?",
				self.base
			))
		})?;
		match self.custodian {
			Some(expected) if expected != named => Err(Error::Refused(format!(
				"the gateway at {} answers for clinic {named}, not {expected} (the record's \
				 custodian): nothing was signed; check the gateway's address",
				self.base
			))),
			_ => Ok(named),
		}
	}

	/// A staff request with the staff token: its JSON answer, or the gateway's problem.
	async fn staff_json<T: serde::de::DeserializeOwned>(
		&self,
		request: reqwest::RequestBuilder,
		staff_token: &str,
	) -> Result<T, Error> {
		let response = request
			.bearer_auth(staff_token)
			.send()
			.await
			.map_err(|e| Error::Node(format!("gateway {}: {e}", self.base)))?;
		if !response.status().is_success() {
			return Err(Self::problem(response).await);
		}
		response.json().await.map_err(|e| Error::Node(format!("gateway: {e}")))
	}

	async fn problem(response: reqwest::Response) -> Error {
		let status = response.status();
		match response.json::<Problem>().await {
			Ok(p) => Error::Refused(format!("{} ({}): {}", p.title, p.status, p.detail)),
			Err(_) => Error::Refused(format!("the gateway answered {status}")),
		}
	}

	/// A fresh challenge for `account`.
	pub async fn challenge(&self, account: &str) -> Result<Challenge, Error> {
		let response = self
			.http
			.post(format!("{}/v1/challenges", self.base))
			.json(&serde_json::json!({ "account": account }))
			.send()
			.await
			.map_err(|e| Error::Node(format!("gateway {}: {e}", self.base)))?;
		if !response.status().is_success() {
			return Err(Self::problem(response).await);
		}
		response.json().await.map_err(|e| Error::Node(format!("gateway: {e}")))
	}

	/// The clinic the gateway answers for, as it says (`GET /v1/custodian`, asked once per
	/// client and its clones), checked against the clinic this client means to reach.
	pub async fn custodian(&self) -> Result<AccountId, Error> {
		self.answers_for
			.get_or_try_init(|| async {
				let response = self
					.http
					.get(format!("{}/v1/custodian", self.base))
					.send()
					.await
					.map_err(|e| Error::Node(format!("gateway {}: {e}", self.base)))?;
				if !response.status().is_success() {
					return Err(Self::problem(response).await);
				}
				let named: Custodian =
					response.json().await.map_err(|e| Error::Node(format!("gateway: {e}")))?;
				self.named_custodian(&named.custodian)
			})
			.await
			.copied()
	}

	/// A GET of `path_and_query`, signed by `keys` once ([`request_message`]): now, with a
	/// fresh request id. A gateway that has just started answers `425 Too Early` to requests
	/// signed in its first moments (its last run may have answered them): signed again once,
	/// after its `Retry-After`.
	pub async fn signed_get(
		&self,
		keys: &Keys,
		path_and_query: &str,
	) -> Result<reqwest::Response, Error> {
		let response = self.signed_get_once(keys, path_and_query).await?;
		if response.status() != reqwest::StatusCode::TOO_EARLY {
			return Ok(response);
		}
		let wait = response
			.headers()
			.get(reqwest::header::RETRY_AFTER)
			.and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
			.unwrap_or(2)
			.min(10);
		tokio::time::sleep(std::time::Duration::from_secs(wait)).await;
		self.signed_get_once(keys, path_and_query).await
	}

	async fn signed_get_once(
		&self,
		keys: &Keys,
		path_and_query: &str,
	) -> Result<reqwest::Response, Error> {
		let custodian = self.custodian().await?;
		let mut id = [0u8; 16];
		rand::rngs::OsRng.fill_bytes(&mut id);
		let request = hex::encode(id);
		let signed_at = std::time::SystemTime::now()
			.duration_since(std::time::UNIX_EPOCH)
			.map_err(|_| Error::Invalid("this machine's clock is before 1970".into()))?
			.as_millis() as u64;
		let signature = keys.account().sign(&request_message(
			&custodian,
			signed_at,
			&request,
			"GET",
			path_and_query,
		));
		self.http
			.get(format!("{}{path_and_query}", self.base))
			.header(ACCOUNT_HEADER, keys.account_id().to_string())
			.header(REQUEST_HEADER, request)
			.header(SIGNED_AT_HEADER, signed_at.to_string())
			.header(SIGNATURE_HEADER, hex::encode(signature.0))
			.send()
			.await
			.map_err(|e| Error::Node(format!("gateway {}: {e}", self.base)))
	}

	/// A GET of `path_and_query`, signed by `keys` over a fresh challenge (the older way: two
	/// round trips).
	pub async fn challenged_get(
		&self,
		keys: &Keys,
		path_and_query: &str,
	) -> Result<reqwest::Response, Error> {
		let account = keys.account_id().to_string();
		let challenge = self.challenge(&account).await?;
		let custodian = self.named_custodian(&challenge.custodian)?;
		let signature = keys.account().sign(&signed_message(
			&custodian,
			&challenge.challenge,
			"GET",
			path_and_query,
		));
		self.http
			.get(format!("{}{path_and_query}", self.base))
			.header(ACCOUNT_HEADER, account)
			.header(CHALLENGE_HEADER, &challenge.challenge)
			.header(SIGNATURE_HEADER, hex::encode(signature.0))
			.send()
			.await
			.map_err(|e| Error::Node(format!("gateway {}: {e}", self.base)))
	}

	/// Fetch `record` for `purpose`.
	pub async fn fetch(
		&self,
		keys: &Keys,
		record: u64,
		purpose: Purpose,
	) -> Result<Release, Error> {
		let response =
			self.signed_get(keys, &format!("/v1/records/{record}?purpose={purpose}")).await?;
		if !response.status().is_success() {
			return Err(Self::problem(response).await);
		}
		response.json().await.map_err(|e| Error::Node(format!("gateway: {e}")))
	}

	/// The patient's grants as a FHIR Bundle of Consent resources (signed by the patient).
	pub async fn consents(&self, keys: &Keys) -> Result<Value, Error> {
		let path = format!("/v1/patients/{}/consents", keys.account_id());
		let response = self.signed_get(keys, &path).await?;
		if !response.status().is_success() {
			return Err(Self::problem(response).await);
		}
		response.json().await.map_err(|e| Error::Node(format!("gateway: {e}")))
	}

	/// Upload a FHIR resource of `patient` (clinic staff, with the gateway's staff token).
	/// Returns the gateway's answer: `status` `registered` with the `record` once its document
	/// set is final on chain, or `waiting` (HTTP 202) when it is stored and the gateway keeps
	/// trying to register it.
	pub async fn upload(
		&self,
		staff_token: &str,
		patient: &str,
		resource: &Value,
	) -> Result<Value, Error> {
		let response = self
			.http
			.post(format!("{}/v1/records?patient={patient}", self.base))
			.bearer_auth(staff_token)
			.json(resource)
			.send()
			.await
			.map_err(|e| Error::Node(format!("gateway {}: {e}", self.base)))?;
		if !response.status().is_success() {
			return Err(Self::problem(response).await);
		}
		response.json().await.map_err(|e| Error::Node(format!("gateway: {e}")))
	}

	/// The uploads the chain refused, oldest first, each with the chain's reason (clinic staff,
	/// with the gateway's staff token).
	pub async fn quarantined(&self, staff_token: &str) -> Result<Vec<Quarantined>, Error> {
		self.staff_json(self.http.get(format!("{}/v1/quarantine", self.base)), staff_token).await
	}

	/// Put the quarantined upload with `content_hash` (hex, as [`GatewayClient::quarantined`]
	/// lists it) back among the uploads waiting for the chain, once the cause is fixed (clinic
	/// staff). Returns the gateway's answer: `status` `waiting` (HTTP 202); the gateway registers
	/// it at its next try, or quarantines it again.
	pub async fn requeue(&self, staff_token: &str, content_hash: &str) -> Result<Value, Error> {
		self.staff_json(
			self.http.post(format!("{}/v1/quarantine/{content_hash}/requeue", self.base)),
			staff_token,
		)
		.await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_signed_message_names_the_gateway() {
		let (alice, bob) = (
			Keys::from_uri("//Alice").unwrap().account_id(),
			Keys::from_uri("//Bob").unwrap().account_id(),
		);
		assert_ne!(
			signed_message(&alice, "c", "GET", "/x"),
			signed_message(&bob, "c", "GET", "/x")
		);
		let text = String::from_utf8(signed_message(&alice, "c", "GET", "/x")).unwrap();
		assert_eq!(text, format!("medledger-gateway/v2\n{alice}\nc\nGET\n/x"));
	}

	#[test]
	fn a_signed_request_names_the_gateway_its_time_and_its_id() {
		let (alice, bob) = (
			Keys::from_uri("//Alice").unwrap().account_id(),
			Keys::from_uri("//Bob").unwrap().account_id(),
		);
		let text = String::from_utf8(request_message(&alice, 1_700_000_000_123, "ab", "GET", "/x"))
			.unwrap();
		assert_eq!(text, format!("medledger-gateway/v3\n{alice}\n1700000000123\nab\nGET\n/x"));
		for other in [
			request_message(&bob, 1_700_000_000_123, "ab", "GET", "/x"),
			request_message(&alice, 1_700_000_000_124, "ab", "GET", "/x"),
			request_message(&alice, 1_700_000_000_123, "ac", "GET", "/x"),
			request_message(&alice, 1_700_000_000_123, "ab", "GET", "/y"),
			// Never the same bytes as an answer to a challenge.
			signed_message(&alice, "ab", "GET", "/x"),
		] {
			assert_ne!(other, text.as_bytes());
		}
	}

	#[test]
	fn a_client_signs_only_for_the_clinic_it_meant() {
		let (alice, bob) = (
			Keys::from_uri("//Alice").unwrap().account_id(),
			Keys::from_uri("//Bob").unwrap().account_id(),
		);
		let meant = GatewayClient::for_custodian("http://clinic.example", alice);
		assert_eq!(meant.named_custodian(&alice.to_string()).unwrap(), alice);
		assert!(matches!(
			meant.named_custodian(&bob.to_string()),
			Err(Error::Refused(reason)) if reason.contains("answers for clinic")
		));
		assert!(meant.named_custodian("not an account").is_err());
		// Not knowing the clinic, it signs for the one the gateway names.
		let any = GatewayClient::new("http://clinic.example/");
		assert_eq!(any.named_custodian(&bob.to_string()).unwrap(), bob);
	}
}
