//! The `medledger_*` JSON-RPC methods: consent questions answered by the runtime at the best
//! block, or at the block a caller names.

use std::sync::Arc;

use jsonrpsee::{
	core::{async_trait, RpcResult},
	proc_macros::rpc,
	types::{error::ErrorObject, ErrorObjectOwned},
};
use medledger_primitives::{AccessDecision, GrantId, InquiryId, Purpose, RecordCategory, RecordId};
use medledger_runtime_api::{
	ConsentApi, DisclosureLog, Grant, InquirySummary, RecordSummary, RecordsApi,
};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

/// The consent questions a dApp or a records gateway asks a node.
#[rpc(client, server)]
pub trait MedLedgerApi<BlockHash, AccountId, BlockNumber> {
	/// May `requester` read `patient`'s records of `category` for `purpose`, at block `at`
	/// (the best block if omitted)?
	#[method(name = "medledger_accessDecision")]
	fn access_decision(
		&self,
		requester: AccountId,
		patient: AccountId,
		category: RecordCategory,
		purpose: Purpose,
		at: Option<BlockHash>,
	) -> RpcResult<AccessDecision>;

	/// Who can access `patient`'s data, and under which grants.
	#[method(name = "medledger_grants")]
	fn grants(
		&self,
		patient: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(GrantId, Grant<AccountId, BlockNumber>)>>;

	/// Whether `grant` was valid at block number `block`.
	#[method(name = "medledger_grantValidAt")]
	fn grant_valid_at(
		&self,
		grant: GrantId,
		block: BlockNumber,
		at: Option<BlockHash>,
	) -> RpcResult<Option<bool>>;

	/// The inquiries waiting for `patient`'s answer.
	#[method(name = "medledger_pendingInquiries")]
	fn pending_inquiries(
		&self,
		patient: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(InquiryId, InquirySummary<AccountId, BlockNumber>)>>;

	/// May `requester` read `record` for `purpose`?
	#[method(name = "medledger_recordAccess")]
	fn record_access(
		&self,
		requester: AccountId,
		record: RecordId,
		purpose: Purpose,
		at: Option<BlockHash>,
	) -> RpcResult<AccessDecision>;

	/// A page of `patient`'s records across every clinic: up to `limit` (at most 100) after
	/// `start_after`.
	#[method(name = "medledger_patientRecords")]
	fn patient_records(
		&self,
		patient: AccountId,
		start_after: Option<RecordId>,
		limit: u32,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(RecordId, RecordSummary<AccountId, BlockNumber>)>>;

	/// `patient`'s accounting of disclosures: the count and the running hash.
	#[method(name = "medledger_disclosureLog")]
	fn disclosure_log(&self, patient: AccountId, at: Option<BlockHash>)
		-> RpcResult<DisclosureLog>;
}

/// The largest page `medledger_patientRecords` returns.
const MAX_PAGE: u32 = 100;

/// Serves [`MedLedgerApiServer`] from a client.
pub struct MedLedger<C, B> {
	client: Arc<C>,
	_block: std::marker::PhantomData<B>,
}

impl<C, B> MedLedger<C, B> {
	/// The methods, reading through `client`.
	pub fn new(client: Arc<C>) -> Self {
		Self { client, _block: Default::default() }
	}
}

/// The runtime could not answer: a client error, not the caller's.
fn runtime_error(e: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObject::owned(1, "the runtime could not answer", Some(e.to_string()))
}

#[async_trait]
impl<C, Block, AccountId, BlockNumber> MedLedgerApiServer<Block::Hash, AccountId, BlockNumber>
	for MedLedger<C, Block>
where
	Block: BlockT,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ConsentApi<Block, AccountId, BlockNumber> + RecordsApi<Block, AccountId, BlockNumber>,
	AccountId: codec::Codec + Send + Sync + 'static,
	BlockNumber: codec::Codec + Send + Sync + 'static,
{
	fn access_decision(
		&self,
		requester: AccountId,
		patient: AccountId,
		category: RecordCategory,
		purpose: Purpose,
		at: Option<Block::Hash>,
	) -> RpcResult<AccessDecision> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.access_decision(at, requester, patient, category, purpose)
			.map_err(runtime_error)
	}

	fn grants(
		&self,
		patient: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(GrantId, Grant<AccountId, BlockNumber>)>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().grants(at, patient).map_err(runtime_error)
	}

	fn grant_valid_at(
		&self,
		grant: GrantId,
		block: BlockNumber,
		at: Option<Block::Hash>,
	) -> RpcResult<Option<bool>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().grant_valid_at(at, grant, block).map_err(runtime_error)
	}

	fn pending_inquiries(
		&self,
		patient: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(InquiryId, InquirySummary<AccountId, BlockNumber>)>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().pending_inquiries(at, patient).map_err(runtime_error)
	}

	fn record_access(
		&self,
		requester: AccountId,
		record: RecordId,
		purpose: Purpose,
		at: Option<Block::Hash>,
	) -> RpcResult<AccessDecision> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.access_for_record(at, requester, record, purpose)
			.map_err(runtime_error)
	}

	fn patient_records(
		&self,
		patient: AccountId,
		start_after: Option<RecordId>,
		limit: u32,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(RecordId, RecordSummary<AccountId, BlockNumber>)>> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.patient_records(at, patient, start_after, limit.min(MAX_PAGE))
			.map_err(runtime_error)
	}

	fn disclosure_log(
		&self,
		patient: AccountId,
		at: Option<Block::Hash>,
	) -> RpcResult<DisclosureLog> {
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client.runtime_api().disclosure_log(at, patient).map_err(runtime_error)
	}
}
