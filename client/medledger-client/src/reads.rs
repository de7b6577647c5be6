//! What the chain says, each read on the state of one block: the heads and block numbers, a
//! patient's grants, inquiries, records, keys and accounting of disclosures, a record's
//! document set, a provider's endpoint, the council's motions.
//!
//! A read takes the block it reads as `at` (a block hash: [`MedLedger::finalized_head`] for
//! what is final, [`MedLedger::best_head`] for the newest), or says in its docs which head it
//! reads. Values come typed from the runtime's metadata ([`crate::types`]), through its
//! runtime APIs and storage, never as JSON. A list comes whole: however the runtime pages it is
//! this module's business.

use crate::{
	chain::{Hash, MedLedger},
	runtime,
	types::{
		AccessDecision, AccountId, BlockNumber, Disclosed, DisclosureLog, DocumentSet,
		EncryptionKey, Grant, GrantId, InquiryId, InquirySummary, MotionVotes, PatientInfo,
		ProviderInfo, Purpose, RecordCategory, RecordId, RecordSummary, RuntimeCall, Weight,
	},
	Error,
};
use codec::Encode;
use std::collections::BTreeMap;
use subxt::utils::Static;

/// How many of a patient's records one runtime call returns: the runtime reads every record
/// it returns, so this bounds the work of one call.
const RECORDS_PAGE: u32 = 100;

impl MedLedger {
	/// The hash of the latest finalized block.
	pub async fn finalized_head(&self) -> Result<Hash, Error> {
		self.call("chain_getFinalizedHead", serde_json::json!([])).await
	}

	/// The hash of the best block: the head of the chain the node follows now, final or not.
	pub async fn best_head(&self) -> Result<Hash, Error> {
		self.call("chain_getBlockHash", serde_json::json!([])).await
	}

	/// The hash of block `number` on the best chain, if the node has it.
	pub async fn block_hash(&self, number: BlockNumber) -> Result<Option<Hash>, Error> {
		self.call("chain_getBlockHash", serde_json::json!([number])).await
	}

	/// Block `at`'s number.
	pub async fn block_number(&self, at: Hash) -> Result<BlockNumber, Error> {
		let block = self.api().at_block(at).await.map_err(Error::node)?;
		BlockNumber::try_from(block.block_number()).map_err(Error::node)
	}

	/// The number of the latest finalized block.
	pub async fn finalized_number(&self) -> Result<BlockNumber, Error> {
		self.block_number(self.finalized_head().await?).await
	}

	/// The number of the best block: what a length in blocks from now counts from.
	pub async fn best_number(&self) -> Result<BlockNumber, Error> {
		self.block_number(self.best_head().await?).await
	}

	/// Block `at`'s number, and when it was made: `pallet_timestamp`'s `Now` in its state, in
	/// milliseconds since the Unix epoch.
	pub async fn block_time(&self, at: Hash) -> Result<(BlockNumber, u64), Error> {
		let block = self.api().at_block(at).await.map_err(Error::node)?;
		let now = block
			.storage()
			.fetch(runtime::storage().timestamp().now(), ())
			.await
			.map_err(Error::node)?
			.decode()
			.map_err(Error::node)?;
		Ok((block.block_number() as BlockNumber, now))
	}

	/// When each of the blocks `numbers` of the finalized chain that ends at the finalized block
	/// `finalized` was made ([`MedLedger::block_time`]). A number past `finalized` is left out,
	/// and so is a block whose hash or time the node cannot give (its state pruned, say): the
	/// caller estimates those.
	pub async fn finalized_block_times(
		&self,
		numbers: impl IntoIterator<Item = BlockNumber>,
		finalized: Hash,
	) -> Result<BTreeMap<BlockNumber, u64>, Error> {
		let last = self.block_number(finalized).await?;
		let mut times = BTreeMap::new();
		for number in numbers {
			// At or below a finalized block, the node's chain is the finalized chain.
			if number > last {
				continue;
			}
			let Ok(Some(hash)) = self.block_hash(number).await else { continue };
			if let Ok((_, ms)) = self.block_time(hash).await {
				times.insert(number, ms);
			}
		}
		Ok(times)
	}

	/// May `requester` read `patient`'s records of `category` for `purpose`, on the finalized
	/// chain?
	pub async fn access_decision(
		&self,
		requester: &AccountId,
		patient: &AccountId,
		category: RecordCategory,
		purpose: Purpose,
	) -> Result<AccessDecision, Error> {
		let call = runtime::runtime_apis().consent_api().access_decision(
			*requester,
			*patient,
			Static(category),
			Static(purpose),
		);
		Ok(self.runtime_call(self.finalized_head().await?, call).await?.0)
	}

	/// May `requester` read `record` for `purpose`, on the finalized chain?
	pub async fn record_access(
		&self,
		requester: &AccountId,
		record: RecordId,
		purpose: Purpose,
	) -> Result<AccessDecision, Error> {
		self.record_access_at(requester, record, purpose, self.finalized_head().await?).await
	}

	/// May `requester` read `record` for `purpose`, on the state of block `at` (the finalized
	/// head, the best head, or any block the node keeps)?
	pub async fn record_access_at(
		&self,
		requester: &AccountId,
		record: RecordId,
		purpose: Purpose,
		at: Hash,
	) -> Result<AccessDecision, Error> {
		let call = runtime::runtime_apis().records_api().record_access(
			*requester,
			Static(record),
			Static(purpose),
		);
		Ok(self.runtime_call(at, call).await?.0)
	}

	/// The live grants of `patient` on the state of block `at`, in grant id order.
	pub async fn grants(
		&self,
		patient: &AccountId,
		at: Hash,
	) -> Result<Vec<(GrantId, Grant)>, Error> {
		let call = runtime::runtime_apis().consent_api().grants(*patient);
		let mut grants: Vec<(GrantId, Grant)> =
			self.runtime_call(at, call).await?.into_iter().map(|(id, g)| (id.0, g)).collect();
		grants.sort_by_key(|(id, _)| *id);
		Ok(grants)
	}

	/// The inquiries waiting for `patient`'s answer on the state of block `at`.
	pub async fn pending_inquiries(
		&self,
		patient: &AccountId,
		at: Hash,
	) -> Result<Vec<(InquiryId, InquirySummary)>, Error> {
		let call = runtime::runtime_apis().consent_api().pending_inquiries(*patient);
		let pending = self.runtime_call(at, call).await?;
		Ok(pending.into_iter().map(|(id, inquiry)| (id.0, inquiry)).collect())
	}

	/// Every record of `patient`, across every clinic, on the state of block `at`, oldest first
	/// (by record id; the chain pages them in storage order).
	pub async fn patient_records(
		&self,
		patient: &AccountId,
		at: Hash,
	) -> Result<Vec<(RecordId, RecordSummary)>, Error> {
		let block = self.api().at_block(at).await.map_err(Error::node)?;
		let mut records = Vec::new();
		let mut after: Option<RecordId> = None;
		loop {
			let call = runtime::runtime_apis().records_api().patient_records(
				*patient,
				after.map(Static),
				RECORDS_PAGE,
			);
			let page = block.runtime_apis().call(call).await.map_err(Error::node)?;
			let more = page.len() == RECORDS_PAGE as usize;
			after = page.last().map(|(id, _)| id.0);
			records.extend(page.into_iter().map(|(id, summary)| (id.0, summary)));
			if !more || after.is_none() {
				records.sort_by_key(|(id, _)| *id);
				return Ok(records);
			}
		}
	}

	/// `patient`'s accounting of disclosures on the state of block `at`: how many receipts,
	/// and the running hash over them.
	pub async fn disclosure_log(
		&self,
		patient: &AccountId,
		at: Hash,
	) -> Result<DisclosureLog, Error> {
		let call = runtime::runtime_apis().records_api().disclosure_log(*patient);
		self.runtime_call(at, call).await
	}

	/// The disclosure receipts of `patient` that block number `block` recorded, in their
	/// order, from its events. The block is the node's block of that number: final when
	/// `block` is at or below the finalized head's number.
	pub async fn disclosures_in_block(
		&self,
		patient: &AccountId,
		block: BlockNumber,
	) -> Result<Vec<Disclosed>, Error> {
		let at = self.api().at_block(u64::from(block)).await.map_err(Error::node)?;
		let events = at.events().fetch().await.map_err(Error::node)?;
		let mut receipts = Vec::new();
		for event in events.find::<Disclosed>() {
			let receipt = event.map_err(Error::node)?;
			if receipt.patient == *patient {
				receipts.push(receipt);
			}
		}
		Ok(receipts)
	}

	/// `record`'s document set on the state of block `at`, if there is one.
	pub async fn document_set(
		&self,
		record: RecordId,
		at: Hash,
	) -> Result<Option<DocumentSet>, Error> {
		let address = runtime::storage().records().document_sets();
		self.stored(at, address, (Static(record),)).await
	}

	/// `patient`'s registration on the state of block `at`; `None` if it is not a registered
	/// patient.
	pub async fn patient(
		&self,
		patient: &AccountId,
		at: Hash,
	) -> Result<Option<PatientInfo>, Error> {
		self.stored(at, runtime::storage().patients().patients(), (*patient,)).await
	}

	/// The encryption key `patient` registered as a patient, on the state of block `at`;
	/// `None` if it is not a registered patient.
	pub async fn patient_key(
		&self,
		patient: &AccountId,
		at: Hash,
	) -> Result<Option<EncryptionKey>, Error> {
		Ok(self.patient(patient, at).await?.map(|info| info.encryption_key.0))
	}

	/// The encryption key `who` registered on chain, on the state of block `at`: its patient
	/// key (every person's), else its provider key; `None` if it registered neither.
	pub async fn encryption_key(
		&self,
		who: &AccountId,
		at: Hash,
	) -> Result<Option<EncryptionKey>, Error> {
		if let Some(key) = self.patient_key(who, at).await? {
			return Ok(Some(key));
		}
		Ok(self.provider(who, at).await?.map(|info| info.encryption_key.0))
	}

	/// The admitted provider `provider` on the state of block `at`; `None` if it is not one.
	pub async fn provider(
		&self,
		provider: &AccountId,
		at: Hash,
	) -> Result<Option<ProviderInfo>, Error> {
		self.stored(at, runtime::storage().providers().providers(), (*provider,)).await
	}

	/// The records gateway endpoint (a URL) `provider` registered, on the state of block `at`;
	/// `None` if it is not an admitted provider.
	pub async fn provider_endpoint(
		&self,
		provider: &AccountId,
		at: Hash,
	) -> Result<Option<String>, Error> {
		let Some(info) = self.provider(provider, at).await? else { return Ok(None) };
		let endpoint = String::from_utf8(info.endpoint.0)
			.map_err(|_| Error::Invalid(format!("the endpoint of {provider} is not text")))?;
		Ok(Some(endpoint))
	}

	/// The provider that employs `practitioner`, on the state of block `at`; `None` if none
	/// does.
	pub async fn employer(
		&self,
		practitioner: &AccountId,
		at: Hash,
	) -> Result<Option<AccountId>, Error> {
		self.stored(at, runtime::storage().providers().employers(), (*practitioner,)).await
	}

	/// The council's members on the state of block `at`.
	pub async fn council_members(&self, at: Hash) -> Result<Vec<AccountId>, Error> {
		let members = self.stored(at, runtime::storage().council().members(), ()).await?;
		Ok(members.unwrap_or_default())
	}

	/// The council's open motions on the state of block `at`, each with its votes, in the
	/// order they were proposed.
	pub async fn council_motions(&self, at: Hash) -> Result<Vec<(Hash, MotionVotes)>, Error> {
		let block = self.api().at_block(at).await.map_err(Error::node)?;
		let motions = block
			.storage()
			.fetch(runtime::storage().council().proposals(), ())
			.await
			.map_err(Error::node)?
			.decode()
			.map_err(Error::node)?;
		let mut open = Vec::new();
		for motion in motions.0 {
			let votes = block
				.storage()
				.fetch(runtime::storage().council().voting(), (motion,))
				.await
				.map_err(Error::node)?
				.decode()
				.map_err(Error::node)?;
			open.push((motion, votes));
		}
		Ok(open)
	}

	/// The call the open council motion `motion` proposes, on the state of block `at`; `None`
	/// if no such motion is open.
	pub async fn council_motion(
		&self,
		motion: Hash,
		at: Hash,
	) -> Result<Option<RuntimeCall>, Error> {
		self.stored(at, runtime::storage().council().proposal_of(), (motion,)).await
	}

	/// The weight the runtime gives `call` on the state of block `at`: what closing a council
	/// motion that carries it may take.
	pub async fn call_weight(&self, call: RuntimeCall, at: Hash) -> Result<Weight, Error> {
		let length = call.encoded_size() as u32;
		let query =
			runtime::runtime_apis().transaction_payment_call_api().query_call_info(call, length);
		Ok(self.runtime_call(at, query).await?.weight)
	}

	/// The runtime API `call`'s answer on the state of block `at`.
	async fn runtime_call<Call: subxt::runtime_apis::Payload>(
		&self,
		at: Hash,
		call: Call,
	) -> Result<Call::ReturnType, Error> {
		let block = self.api().at_block(at).await.map_err(Error::node)?;
		block.runtime_apis().call(call).await.map_err(Error::node)
	}

	/// The value at storage `address` under `keys` on the state of block `at` (its default if
	/// the entry has one), if there is one.
	async fn stored<Entry: subxt::storage::Address>(
		&self,
		at: Hash,
		address: Entry,
		keys: Entry::KeyParts,
	) -> Result<Option<Entry::Value>, Error> {
		let block = self.api().at_block(at).await.map_err(Error::node)?;
		let value = block.storage().try_fetch(address, keys).await.map_err(Error::node)?;
		match value {
			Some(value) => Ok(Some(value.decode().map_err(Error::node)?)),
			None => Ok(None),
		}
	}

	/// What block `at` held: each transaction's hash, whether it failed, and the grant it
	/// made; and the normal-class weight the block consumed, next to that class's limit. For
	/// counting how full blocks are (`medledger bench-ceiling`).
	pub async fn block_load(&self, at: Hash) -> Result<BlockLoad, Error> {
		let block = self.api().at_block(at).await.map_err(Error::node)?;
		let extrinsics = block.extrinsics().fetch().await.map_err(Error::node)?;
		let mut transactions = Vec::new();
		for extrinsic in extrinsics.iter() {
			let extrinsic = extrinsic.map_err(Error::node)?;
			transactions.push(LoadedTransaction {
				hash: extrinsic.hash(),
				failed: false,
				granted: None,
			});
		}
		// The block's events, read once (an extrinsic's own `events()` reads them all again).
		let events = block.events().fetch().await.map_err(Error::node)?;
		for event in events.iter() {
			let event = event.map_err(Error::node)?;
			let subxt::events::Phase::ApplyExtrinsic(index) = event.phase() else { continue };
			let Some(transaction) = transactions.get_mut(index as usize) else { continue };
			if event.decode_fields_as::<runtime::system::events::ExtrinsicFailed>().is_some() {
				transaction.failed = true;
			}
			if let Some(granted) = event.decode_fields_as::<runtime::consent::events::Granted>() {
				let granted = granted.map_err(Error::node)?;
				transaction.granted = Some((granted.patient, granted.grant.0));
			}
		}
		let weight = block
			.storage()
			.fetch(runtime::storage().system().block_weight(), ())
			.await
			.map_err(Error::node)?
			.decode()
			.map_err(Error::node)?;
		let limits = block
			.constants()
			.entry(runtime::constants().system().block_weights())
			.map_err(Error::node)?;
		let normal_limit =
			limits.per_class.normal.max_total.map_or(limits.max_block.ref_time, |w| w.ref_time);
		Ok(BlockLoad { transactions, normal_weight: weight.normal.ref_time, normal_limit })
	}
}

/// What one block held: see [`MedLedger::block_load`].
#[derive(Debug, Clone)]
pub struct BlockLoad {
	/// The block's transactions (inherents included), in order.
	pub transactions: Vec<LoadedTransaction>,
	/// The normal-class weight the block consumed (ref time, picoseconds).
	pub normal_weight: u64,
	/// The most normal-class weight a block may consume.
	pub normal_limit: u64,
}

/// One transaction of a [`BlockLoad`].
#[derive(Debug, Clone)]
pub struct LoadedTransaction {
	pub hash: Hash,
	/// Dispatched, but failed.
	pub failed: bool,
	/// The patient and grant, if it made a grant.
	pub granted: Option<(AccountId, GrantId)>,
}
