//! The chain in the domain's words: transactions and what follows them. What the chain says,
//! read at a block, is in [`crate::reads`].

use crate::{
	keys::Keys,
	runtime,
	types::{AccountId, BlockNumber, CategorySet, Purpose},
	Error,
};
use futures::{Stream, StreamExt};
use medledger_primitives::InvalidConsentCall;
use subxt::{
	config::{DefaultExtrinsicParamsBuilder, HashFor},
	transactions::{Payload, TransactionInvalid, TransactionStatus, ValidationResult},
	utils::Static,
	OnlineClient, PolkadotConfig,
};

/// The chain's configuration, as subxt sees it: Polkadot's (MultiAddress without an index,
/// MultiSignature, 32-bit block numbers, BLAKE2 hashing).
pub type Config = PolkadotConfig;

/// A block hash.
pub type Hash = HashFor<Config>;

/// Where a transaction ended up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Included {
	/// The block that includes it.
	pub block: Hash,
	/// Whether that block is finalized (else it is only in the best chain).
	pub finalized: bool,
}

/// How far a transaction has come, for showing progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
	/// Sent to the node and accepted into its pool.
	Submitted,
	/// In a block of the best chain.
	InBlock,
	/// In a finalized block: permanent.
	Finalized,
}

/// How long to wait for a transaction: until it is in a block, or until it is final.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wait {
	/// Return once in a best block (about 6 s).
	InBlock,
	/// Return once finalized (about 12 to 18 s): what anything that others act on should wait
	/// for.
	Finalized,
}

/// Something that happened to a patient, as `watch` reports it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PatientEvent {
	/// Someone asks for access.
	Inquiry { inquiry: u64, requester: String, categories: Vec<String>, purpose: String },
	/// A clinic registered a new record.
	NewRecord { record: u64, custodian: String, category: String },
	/// A practitioner opened break-glass access.
	EmergencyAccess { grant: u64, practitioner: String, provider: String, ends: BlockNumber },
	/// A clinic released a record.
	Disclosure {
		record: u64,
		requester: String,
		grant: Option<u64>,
		purpose: String,
		released_at: BlockNumber,
	},
	/// A grant was made.
	Granted { grant: u64, grantee: String, categories: Vec<String>, purpose: String },
	/// A grant was revoked.
	Revoked { grant: u64, grantee: String },
}

/// A connection to a MedLedger node.
#[derive(Clone)]
pub struct MedLedger {
	api: OnlineClient<Config>,
	rpc: subxt::rpcs::RpcClient,
}

impl MedLedger {
	/// Connect to the node at `url` (`ws://127.0.0.1:9944` for a dev node).
	pub async fn connect(url: &str) -> Result<Self, Error> {
		let rpc = subxt::rpcs::RpcClient::from_insecure_url(url).await.map_err(|e| {
			Error::Node(format!(
				"cannot reach a node at {url}: {e}; is it running (`./scripts/run-dev.sh`)?"
			))
		})?;
		// The legacy backend reads any block the node keeps by hash; the chainHead backend only
		// pinned ones, which under load were unpinned before use ("cannot find the block header").
		let backend = subxt::backend::LegacyBackend::<Config>::builder().build(rpc.clone());
		let api = OnlineClient::<Config>::from_backend(std::sync::Arc::new(backend))
			.await
			.map_err(Error::node)?;
		Ok(Self { api, rpc })
	}

	/// The subxt client, for what this API does not cover.
	pub fn api(&self) -> &OnlineClient<Config> {
		&self.api
	}

	/// The raw RPC client, for the node's `medledger_*` methods.
	pub fn rpc(&self) -> &subxt::rpcs::RpcClient {
		&self.rpc
	}

	/// Sign `call` with `signer`, submit it and wait as `wait` says, reporting each stage to
	/// `progress`. A transaction the runtime refuses is an [`Error::Refused`] with its reason.
	pub async fn submit<Call: Payload>(
		&self,
		call: &Call,
		signer: &Keys,
		wait: Wait,
		progress: impl FnMut(Stage),
	) -> Result<(Included, subxt::extrinsics::ExtrinsicEvents<Config>), Error> {
		// The pool's next nonce: counts this account's transactions not yet finalized.
		let nonce = self.next_nonce(&signer.account_id()).await?;
		self.submit_with_nonce(call, signer, nonce, wait, progress).await
	}

	/// [`MedLedger::submit`] with the nonce given: for sending several transactions of one
	/// account without waiting for each.
	pub async fn submit_with_nonce<Call: Payload>(
		&self,
		call: &Call,
		signer: &Keys,
		nonce: u64,
		wait: Wait,
		mut progress: impl FnMut(Stage),
	) -> Result<(Included, subxt::extrinsics::ExtrinsicEvents<Config>), Error> {
		let mut tx = self.api.tx().await.map_err(Error::node)?;
		let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
		let signed = tx.create_signed(call, signer.account(), params).await.map_err(Error::node)?;
		let mut watch = match signed.submit_and_watch().await {
			Ok(watch) => watch,
			Err(error) => {
				let refusal = refused_or_node(error.to_string());
				// The pool's answer carries the reason only as text that RPC layers drop:
				// ask the runtime again, to name a consent call's refusal.
				if let Error::Refused(message) = &refusal {
					if let Ok(ValidationResult::Invalid(TransactionInvalid::Custom(code))) =
						signed.validate().await
					{
						return Err(consent_refusal(code, message).unwrap_or(refusal));
					}
				}
				return Err(refusal);
			},
		};
		progress(Stage::Submitted);
		let hash = signed.hash();
		loop {
			let Some(status) = self.next_status(&mut watch, hash, wait).await? else { break };
			let status = match status {
				Status::Found(included, events) => {
					return succeeded(events).map(|events| (included, events)).map_err(refused)
				},
				Status::Reported(status) => status,
			};
			match status.map_err(|e| refused_or_node(e.to_string()))? {
				TransactionStatus::InBestBlock(in_block) => {
					progress(Stage::InBlock);
					if wait == Wait::InBlock {
						let events = in_block.wait_for_success().await.map_err(refused)?;
						return Ok((
							Included { block: in_block.block_hash(), finalized: false },
							events,
						));
					}
				},
				TransactionStatus::InFinalizedBlock(in_block) => {
					progress(Stage::Finalized);
					let events = in_block.wait_for_success().await.map_err(refused)?;
					return Ok((
						Included { block: in_block.block_hash(), finalized: true },
						events,
					));
				},
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => {
					return Err(Error::Refused(message));
				},
				_ => {},
			}
		}
		Err(Error::Node("the node stopped reporting on the transaction".into()))
	}

	/// The node's next word on a watched transaction, or, when it stays silent for [`QUIET`],
	/// the block it is in if we find it there ourselves: the fork-aware pool can strand a watch
	/// of a transaction that did land (seen here once in some hundred watched transactions).
	async fn next_status<S: futures::Stream + Unpin>(
		&self,
		watch: &mut S,
		hash: Hash,
		wait: Wait,
	) -> Result<Option<Status<S::Item>>, Error> {
		loop {
			match tokio::time::timeout(QUIET, watch.next()).await {
				Ok(status) => return Ok(status.map(Status::Reported)),
				Err(_) => {
					if let Some((included, events)) = self.find_included(hash, wait).await? {
						return Ok(Some(Status::Found(included, events)));
					}
				},
			}
		}
	}

	/// The transaction `hash` and its events, if it is in one of the last 16 blocks up to the
	/// head `wait` asks for (the finalized head for [`Wait::Finalized`]): where a transaction
	/// went when nobody is left to say.
	pub async fn find_included(
		&self,
		hash: Hash,
		wait: Wait,
	) -> Result<Option<(Included, subxt::extrinsics::ExtrinsicEvents<Config>)>, Error> {
		let finalized = wait == Wait::Finalized;
		let mut block =
			if finalized { self.finalized_head().await? } else { self.best_head().await? };
		for _ in 0..LOOK_BACK {
			let at = self.api.at_block(block).await.map_err(Error::node)?;
			let extrinsics = at.extrinsics().fetch().await.map_err(Error::node)?;
			for extrinsic in extrinsics.iter() {
				let extrinsic = extrinsic.map_err(Error::node)?;
				if extrinsic.hash() == hash {
					let events = extrinsic.events().await.map_err(Error::node)?;
					return Ok(Some((Included { block, finalized }, events)));
				}
			}
			if at.block_number() == 0 {
				break;
			}
			let header: serde_json::Value =
				self.call("chain_getHeader", serde_json::json!([block])).await?;
			block = serde_json::from_value(header["parentHash"].clone()).map_err(Error::node)?;
		}
		Ok(None)
	}

	/// The next nonce of `account`, counting its transactions in the node's pool.
	pub async fn next_nonce(&self, account: &AccountId) -> Result<u64, Error> {
		self.call("system_accountNextIndex", serde_json::json!([account.to_string()])).await
	}

	/// The nonce of `account` on the finalized chain (`system.account` at the finalized head):
	/// how many of its transactions are final. Unlike [`MedLedger::next_nonce`] it counts none
	/// in the pool or in blocks not yet final.
	pub async fn finalized_nonce(&self, account: &AccountId) -> Result<u64, Error> {
		let at = self.api.at_current_block().await.map_err(Error::node)?;
		let info = at
			.storage()
			.fetch(runtime::storage().system().account(), (*account,))
			.await
			.map_err(Error::node)?
			.decode()
			.map_err(Error::node)?;
		Ok(u64::from(info.nonce))
	}

	/// Sign `call` with `signer` at `nonce` without sending it: the transaction's exact bytes,
	/// for [`MedLedger::submit_signed`] now and [`MedLedger::resubmit`] later. Mortal, as subxt
	/// makes transactions by default: valid for 32 blocks from the finalized head it was signed
	/// at, invalid for ever after.
	pub async fn sign_with_nonce<Call: Payload>(
		&self,
		call: &Call,
		signer: &Keys,
		nonce: u64,
	) -> Result<Vec<u8>, Error> {
		let mut tx = self.api.tx().await.map_err(Error::node)?;
		let params = DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).build();
		let signed = tx.create_signed(call, signer.account(), params).await.map_err(Error::node)?;
		Ok(signed.into_encoded())
	}

	/// Sign `calls` from `signer` at consecutive nonces from `first`, without sending them:
	/// many transactions to hand to a pool at once (`medledger bench-ceiling`). The chain is
	/// read once, not once a transaction; each is valid for `blocks` blocks from the finalized
	/// head.
	pub async fn sign_batch<Call: Payload>(
		&self,
		calls: &[Call],
		signer: &Keys,
		first: u64,
		blocks: u64,
	) -> Result<Vec<Vec<u8>>, Error> {
		let at = self.api.at_current_block().await.map_err(Error::node)?;
		let (number, hash) = (at.block_number(), at.block_hash());
		let tx = at.transactions();
		calls
			.iter()
			.zip(first..)
			.map(|(call, nonce)| {
				let params = DefaultExtrinsicParamsBuilder::<Config>::new()
					.nonce(nonce)
					.mortal_from_unchecked(blocks, number, hash)
					.build();
				let mut signable = tx.create_signable_offline(call, params).map_err(Error::node)?;
				Ok(signable.sign(signer.account()).map_err(Error::node)?.into_encoded())
			})
			.collect()
	}

	/// Send the signed transaction `extrinsic` (from [`MedLedger::sign_with_nonce`]) as it is,
	/// and wait as `wait` says. [`Error::Refused`] only when these bytes have done all they ever
	/// will: the pool turned them away (the node's answer to the submission: they are not in
	/// it), or they failed dispatch in the block `wait` waited for. Anything else is an
	/// [`Error::Node`] and leaves them possibly on their way: the connection lost, or the node
	/// giving up on them once they were in its pool (dropped, invalid after a block, an error),
	/// which another node may still include.
	pub async fn submit_signed(
		&self,
		extrinsic: &[u8],
		wait: Wait,
	) -> Result<(Included, subxt::extrinsics::ExtrinsicEvents<Config>), Error> {
		let tx = self.api.tx().await.map_err(Error::node)?;
		let signed = tx.from_bytes(extrinsic.to_vec());
		let hash = signed.hash();
		let mut watch =
			signed.submit_and_watch().await.map_err(|e| refused_or_node(e.to_string()))?;
		loop {
			let Some(status) = self.next_status(&mut watch, hash, wait).await? else { break };
			let status = match status {
				Status::Found(included, events) => {
					let events = succeeded(events).map_err(Error::Refused)?;
					return Ok((included, events));
				},
				Status::Reported(status) => status,
			};
			let (in_block, finalized) = match status.map_err(Error::node)? {
				TransactionStatus::InBestBlock(in_block) if wait == Wait::InBlock => {
					(in_block, false)
				},
				TransactionStatus::InFinalizedBlock(in_block) => (in_block, true),
				TransactionStatus::Error { message }
				| TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message } => {
					return Err(Error::Node(format!(
						"the node gave up on the transaction: {message}"
					)))
				},
				_ => continue,
			};
			let events = in_block.wait_for_success().await.map_err(failed_or_node)?;
			return Ok((Included { block: in_block.block_hash(), finalized }, events));
		}
		Err(Error::Node("the node stopped reporting on the transaction".into()))
	}

	/// Hand the signed transaction `extrinsic` to the node's pool again, as it is, without
	/// following it (`author_submitExtrinsic`). [`Error::Refused`] with the runtime's reason when
	/// the pool finds it invalid (`Invalid Transaction`, 1010: its nonce used already, a bad
	/// signature, fees it cannot pay, expired); [`Error::Node`] for anything else, including the
	/// pool knowing it already (imported, or banned a while after it left the pool for a block).
	pub async fn resubmit(&self, extrinsic: &[u8]) -> Result<(), Error> {
		/// The pool's error code for a transaction the runtime finds invalid.
		const POOL_INVALID_TX: i32 = 1010;
		let mut params = subxt::rpcs::client::RpcParams::new();
		params.push(format!("0x{}", hex::encode(extrinsic))).map_err(Error::node)?;
		match self.rpc.request::<Hash>("author_submitExtrinsic", params).await {
			Ok(_) => Ok(()),
			Err(subxt::rpcs::Error::User(refusal)) if refusal.code == POOL_INVALID_TX => {
				let reason = refusal.data.map(|data| data.get().to_string()).unwrap_or_default();
				Err(Error::Refused(format!("{} ({reason})", refusal.message)))
			},
			Err(e) => Err(Error::Node(format!("author_submitExtrinsic: {e}"))),
		}
	}

	/// Call the node's JSON-RPC `method` with `params` (a JSON array), such as the
	/// `medledger_*` methods.
	pub async fn call<T: serde::de::DeserializeOwned>(
		&self,
		method: &str,
		params: serde_json::Value,
	) -> Result<T, Error> {
		let mut list = subxt::rpcs::client::RpcParams::new();
		for param in params.as_array().into_iter().flatten() {
			list.push(param).map_err(Error::node)?;
		}
		self.rpc.request(method, list).await.map_err(|e| Error::Node(format!("{method}: {e}")))
	}

	/// Follow the finalized chain from now on and report what happens to `patient`.
	pub async fn watch(
		&self,
		patient: AccountId,
	) -> Result<impl Stream<Item = Result<PatientEvent, Error>>, Error> {
		// The stream may open with blocks finalized before now: those are history, not news.
		let now = self.api.at_current_block().await.map_err(Error::node)?.block_number();
		let blocks = self.api.stream_blocks().await.map_err(Error::node)?;
		Ok(blocks
			.then(move |block| {
				let patient = patient.clone();
				async move {
					let block = block.map_err(Error::node)?;
					if u64::from(block.number()) <= u64::from(now) {
						return Ok(futures::stream::iter(Vec::new()));
					}
					let at = block.at().await.map_err(Error::node)?;
					let events = at.events().fetch().await.map_err(Error::node)?;
					let mut found = Vec::new();
					for event in events.iter() {
						let event = event.map_err(Error::node)?;
						if let Some(seen) = patient_event(&event, &patient)? {
							found.push(Ok(seen));
						}
					}
					Ok::<_, Error>(futures::stream::iter(found))
				}
			})
			.flat_map(|batch| match batch {
				Ok(events) => events.left_stream(),
				Err(e) => futures::stream::once(async move { Err(e) }).right_stream(),
			}))
	}
}

/// The event, if it concerns `patient`, in the domain's words.
fn patient_event(
	event: &subxt::events::Event<'_, Config>,
	patient: &AccountId,
) -> Result<Option<PatientEvent>, Error> {
	use runtime::{consent::events as consent, records::events as records};
	let names = |set: &Static<CategorySet>| set.0.names().map(String::from).collect();
	let purpose = |p: &Static<Purpose>| p.0.to_string();
	if let Some(e) =
		event.decode_fields_as::<consent::InquiryMade>().transpose().map_err(Error::node)?
	{
		if &e.patient == patient {
			return Ok(Some(PatientEvent::Inquiry {
				inquiry: e.inquiry.0 .0,
				requester: e.requester.to_string(),
				categories: names(&e.categories),
				purpose: purpose(&e.purpose),
			}));
		}
	}
	if let Some(e) = event
		.decode_fields_as::<records::DocumentSetRegistered>()
		.transpose()
		.map_err(Error::node)?
	{
		if &e.patient == patient {
			return Ok(Some(PatientEvent::NewRecord {
				record: e.record.0 .0,
				custodian: e.custodian.to_string(),
				category: e.category.0.to_string(),
			}));
		}
	}
	if let Some(e) = event
		.decode_fields_as::<consent::EmergencyAccessOpened>()
		.transpose()
		.map_err(Error::node)?
	{
		if &e.patient == patient {
			return Ok(Some(PatientEvent::EmergencyAccess {
				grant: e.grant.0 .0,
				practitioner: e.practitioner.to_string(),
				provider: e.provider.to_string(),
				ends: e.ends,
			}));
		}
	}
	if let Some(e) =
		event.decode_fields_as::<records::Disclosed>().transpose().map_err(Error::node)?
	{
		if &e.patient == patient {
			return Ok(Some(PatientEvent::Disclosure {
				record: e.record.0 .0,
				requester: e.requester.to_string(),
				grant: e.grant.map(|g| g.0 .0),
				purpose: purpose(&e.purpose),
				released_at: e.released_at,
			}));
		}
	}
	if let Some(e) =
		event.decode_fields_as::<consent::Granted>().transpose().map_err(Error::node)?
	{
		if &e.patient == patient {
			return Ok(Some(PatientEvent::Granted {
				grant: e.grant.0 .0,
				grantee: e.grantee.to_string(),
				categories: names(&e.categories),
				purpose: purpose(&e.purpose),
			}));
		}
	}
	if let Some(e) =
		event.decode_fields_as::<consent::Revoked>().transpose().map_err(Error::node)?
	{
		if &e.patient == patient {
			return Ok(Some(PatientEvent::Revoked {
				grant: e.grant.0 .0,
				grantee: e.grantee.to_string(),
			}));
		}
	}
	Ok(None)
}

/// How long the node may stay silent about a watched transaction before we look for it.
const QUIET: std::time::Duration = std::time::Duration::from_secs(30);

/// How many blocks back from the head we look for a transaction the node stays silent about.
const LOOK_BACK: u32 = 16;

/// What became of a watched transaction.
enum Status<Reported> {
	/// The node said so.
	Reported(Reported),
	/// The node said nothing, and we found it in a block.
	Found(Included, subxt::extrinsics::ExtrinsicEvents<Config>),
}

/// `events` if they say the transaction succeeded, else its dispatch error in words.
fn succeeded(
	events: subxt::extrinsics::ExtrinsicEvents<Config>,
) -> Result<subxt::extrinsics::ExtrinsicEvents<Config>, String> {
	match events.find_first::<runtime::system::events::ExtrinsicFailed>() {
		Some(Ok(failed)) => Err(format!(
			"The transaction failed with the following dispatch error: {:?}",
			failed.dispatch_error
		)),
		_ => Ok(events),
	}
}

fn refused(error: impl core::fmt::Display) -> Error {
	Error::Refused(error.to_string())
}

/// A transaction's events could not be had: a refusal if it failed dispatch, the node's error
/// otherwise (the block could not be read, say).
fn failed_or_node(error: subxt::error::TransactionEventsError) -> Error {
	use subxt::error::TransactionEventsError::{CannotDecodeDispatchError, ExtrinsicFailed};
	match error {
		ExtrinsicFailed(_) | CannotDecodeDispatchError { .. } => Error::Refused(error.to_string()),
		other => Error::Node(other.to_string()),
	}
}

/// A submission error: the pool refusing the transaction is a refusal, anything else the node's.
fn refused_or_node(message: String) -> Error {
	if message.contains("Invalid Transaction") || message.contains("invalid transaction") {
		Error::Refused(message)
	} else {
		Error::Node(message)
	}
}

/// A consent call the pool turned away with `Custom(code)`, named in words, if `code` is one
/// of [`InvalidConsentCall`]'s.
fn consent_refusal(code: u8, message: &str) -> Option<Error> {
	let reason = InvalidConsentCall::from_code(code)?;
	Some(Error::Refused(format!("{}: {} ({message})", reason.name(), reason.explanation())))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_consent_call_the_pool_turns_away_is_named() {
		let pool = "Invalid Transaction (1010)";
		let Some(Error::Refused(message)) = consent_refusal(60, pool) else { panic!("named") };
		assert!(message.starts_with("NotAuthorized: "), "{message}");
		assert!(message.ends_with(&format!("({pool})")), "{message}");
		// Other custom codes are not consent calls' refusals.
		assert!(consent_refusal(7, pool).is_none());
		assert!(matches!(refused_or_node(pool.into()), Error::Refused(m) if m == pool));
		assert!(matches!(refused_or_node("connection reset".into()), Error::Node(_)));
	}
}
