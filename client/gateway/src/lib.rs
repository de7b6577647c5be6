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
//! The modules: [`routes`] (the router, releases and the consent export), [`auth`] (challenges,
//! signed requests and the staff token), [`rate_limit`], [`cors`] (which web pages may call the
//! gateway from a browser), [`problem`] (errors as problem details), [`finality`] (on which
//! chain state a release is decided), [`uploads`], [`onchain`] (chain reads), [`nonce`] (the
//! identity's transaction nonces), [`sent`] (settling the transactions sent before a stop),
//! [`store`], [`seen`] (signed requests answered lately), [`release_log`] (releases noted with group commit), [`vault`], [`fhir`],
//! [`reporter`], [`secrets`] (what the binary starts with),
//! [`view`] (the chain's heads as last seen, and what was read on their state).
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
//! A release is decided on the chain's finalized and best heads as the gateway last saw them:
//! the node pushes each new head as it imports it, and the gateway reads what a release needs
//! (the access decisions, the document set, the requester's key) once per pair of heads
//! ([`view`]). A revocation is honoured from the moment its block is the node's best block and
//! the gateway has seen it (milliseconds); a grant releases a record once its block is final (a
//! refusal is decided again on the node's heads of that moment, so a grant final a moment ago
//! is never refused). While the finalized head is older than `max_finality_lag` (by its
//! timestamp), or the node has not confirmed the gateway's view for 5 s, nothing is released.
//! See [`finality`].
//!
//! ## What is never said
//!
//! To someone who may not see a record, a missing record and a refused one look the same: 404
//! with the same body. Authentication failures (bad or reused challenge, bad signature) are 401
//! and never mention the record.

pub mod auth;
pub mod cors;
pub mod fhir;
pub mod finality;
pub mod nonce;
pub mod onchain;
pub mod problem;
pub mod rate_limit;
pub mod release_log;
pub mod reporter;
pub mod routes;
pub mod secrets;
pub mod seen;
pub mod sent;
pub mod store;
pub mod uploads;
pub mod vault;
pub mod view;

use auth::Challenges;
use medledger_client::{
	chain::{Config, Included, MedLedger, Wait},
	types::AccountId,
	Keys,
};
use nonce::{Held, NonceManager};
use std::{net::IpAddr, sync::Arc, time::Duration};
use store::{Effect, Store};
use subxt::{extrinsics::ExtrinsicEvents, transactions::Payload};
use vault::Vault;

pub use problem::Problem;
pub use rate_limit::RateLimit;
pub use reporter::report_releases;
pub use routes::{openapi, router};
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
	/// The origins whose pages may call the gateway from a browser (the patient portal's). None
	/// by default: then no CORS header is sent, and browsers keep other origins' pages from
	/// reading the gateway. Never a wildcard: see [`cors`].
	pub cors_origins: Vec<cors::Origin>,
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
			cors_origins: Vec::new(),
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
	/// The signed requests answered lately.
	pub(crate) seen: seen::SeenRequests,
	/// Requests per peer address, taken before anything else.
	pub(crate) peers: Arc<RateLimit<IpAddr>>,
	/// Requests per account, taken once the account's signature verified.
	pub(crate) accounts: RateLimit<[u8; 32]>,
	/// The uploads being registered right now.
	pub(crate) uploading: uploads::InFlight,
	/// Notes releases before their records leave, many in one commit.
	pub releases: release_log::ReleaseLog,
	/// Wakes the reporter when a release is noted.
	pub(crate) released: tokio::sync::Notify,
	/// The chain's heads as last seen, and what was read on their state ([`view`]).
	pub view: Arc<view::ChainView>,
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
		let releases = release_log::ReleaseLog::start(store.clone());
		let view = Arc::new(view::ChainView::new(VIEW_MAX_AGE));
		tokio::spawn(view::follow(Arc::downgrade(&view), chain.clone()));
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
			seen: seen::SeenRequests::new(auth::unix_ms(), MAX_SEEN_REQUESTS),
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
			releases,
			settings,
			released: tokio::sync::Notify::new(),
			view,
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

/// The most request ids a generation remembers (see [`seen::SeenRequests`]): a generation (a
/// minute) at over 8,000 signed requests a second, in about 40 MB.
const MAX_SEEN_REQUESTS: usize = 500_000;

/// The longest the gateway uses a view of the chain's heads that the node has not confirmed
/// (it confirms it every [`view::POLL_EVERY`] when all is well).
const VIEW_MAX_AGE: Duration = Duration::from_secs(5);

/// How long [`Gateway::send`] waits for a transaction to be final (about 18 s when all is
/// well) before leaving it to [`sent::settle_sent`].
const FINAL_WITHIN: Duration = Duration::from_secs(120);
