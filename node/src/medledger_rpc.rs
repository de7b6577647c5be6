//! The `medledger_*` JSON-RPC methods: consent questions answered by the runtime at the best
//! block, or at the block a caller names.

use std::sync::Arc;

use jsonrpsee::{
	core::{async_trait, RpcResult},
	proc_macros::rpc,
	types::{
		error::{ErrorObject, INVALID_PARAMS_CODE},
		ErrorObjectOwned,
	},
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

	/// Who can access `patient`'s data, and under which grants: a page of the patient's live
	/// grants in grant id order, up to `limit` (100 if omitted, at most 1000) after the grant
	/// `start_after` (from the first if omitted). The next page starts after the last id of
	/// this one; a page shorter than `limit` is the last.
	#[method(name = "medledger_grants")]
	fn grants(
		&self,
		patient: AccountId,
		start_after: Option<GrantId>,
		limit: Option<u32>,
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

	/// A page of `patient`'s records across every clinic: up to `limit` (100 if omitted, at most
	/// 100; 0 or more is invalid params) after the record `start_after` (from the first if
	/// omitted). The order is the chain's storage order — stable, so pages follow one another,
	/// but not by record id: sort by id for the oldest first.
	#[method(name = "medledger_patientRecords")]
	fn patient_records(
		&self,
		patient: AccountId,
		start_after: Option<RecordId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Vec<(RecordId, RecordSummary<AccountId, BlockNumber>)>>;

	/// `patient`'s accounting of disclosures: the count and the running hash.
	#[method(name = "medledger_disclosureLog")]
	fn disclosure_log(&self, patient: AccountId, at: Option<BlockHash>)
		-> RpcResult<DisclosureLog>;
}

/// The largest page `medledger_patientRecords` returns.
const MAX_PAGE: u32 = 100;

/// The page `medledger_grants` returns when the caller names no limit.
const GRANTS_PAGE: u32 = 100;

/// The largest page `medledger_grants` returns. The runtime's list is bounded by the
/// consent pallet's `MaxLiveGrants` (and the break-glass accesses open at the time), so this is
/// about how much one answer carries, not about what the runtime reads.
const MAX_GRANTS_PAGE: u32 = 1000;

/// The page length served for the caller's `limit`: `default` if none, and a limit of 0 or
/// above `max` is the caller's error (JSON-RPC invalid params), never quietly cut.
fn page_length(
	limit: Option<u32>,
	default: u32,
	max: u32,
	key: &str,
) -> Result<u32, ErrorObjectOwned> {
	match limit.unwrap_or(default) {
		limit if (1..=max).contains(&limit) => Ok(limit),
		limit => Err(ErrorObject::owned(
			INVALID_PARAMS_CODE,
			format!(
				"limit must be from 1 to {max}, not {limit}: ask for the rest in pages, each \
				 after the last {key} of the one before"
			),
			Some(limit),
		)),
	}
}

/// The page length `medledger_grants` serves (see [`page_length`]).
fn grants_page_length(limit: Option<u32>) -> Result<usize, ErrorObjectOwned> {
	page_length(limit, GRANTS_PAGE, MAX_GRANTS_PAGE, "grant id").map(|l| l as usize)
}

/// The page of `items` (each under its grant id) after `after`, exclusive, in grant id order,
/// at most `limit` long (see [`grants_page_length`]).
fn page_of_grants<G>(
	mut items: Vec<(GrantId, G)>,
	after: Option<GrantId>,
	limit: Option<u32>,
) -> Result<Vec<(GrantId, G)>, ErrorObjectOwned> {
	let length = grants_page_length(limit)?;
	items.sort_by_key(|(id, _)| *id);
	Ok(items
		.into_iter()
		.filter(|(id, _)| after.is_none_or(|after| *id > after))
		.take(length)
		.collect())
}

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
		start_after: Option<GrantId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(GrantId, Grant<AccountId, BlockNumber>)>> {
		// Refuse a bad limit before asking the runtime anything.
		grants_page_length(limit)?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		let live = self.client.runtime_api().grants(at, patient).map_err(runtime_error)?;
		page_of_grants(live, start_after, limit)
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
			.record_access(at, requester, record, purpose)
			.map_err(runtime_error)
	}

	fn patient_records(
		&self,
		patient: AccountId,
		start_after: Option<RecordId>,
		limit: Option<u32>,
		at: Option<Block::Hash>,
	) -> RpcResult<Vec<(RecordId, RecordSummary<AccountId, BlockNumber>)>> {
		let limit = page_length(limit, MAX_PAGE, MAX_PAGE, "record id")?;
		let at = at.unwrap_or_else(|| self.client.info().best_hash);
		self.client
			.runtime_api()
			.patient_records(at, patient, start_after, limit)
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

#[cfg(test)]
mod tests {
	use super::*;

	/// Grants 5, 1, 9, 3, 7, as the runtime may list them (in index order, not id order).
	fn live() -> Vec<(GrantId, &'static str)> {
		[5, 1, 9, 3, 7].into_iter().map(|id| (GrantId(id), "grant")).collect()
	}

	fn ids(page: &[(GrantId, &str)]) -> Vec<u64> {
		page.iter().map(|(id, _)| id.0).collect()
	}

	#[test]
	fn the_first_page_is_the_lowest_ids_in_order() {
		let page = page_of_grants(live(), None, Some(2)).expect("a valid limit");
		assert_eq!(ids(&page), vec![1, 3]);
		// Without a limit, up to the default page: all five.
		let all = page_of_grants(live(), None, None).expect("the default limit");
		assert_eq!(ids(&all), vec![1, 3, 5, 7, 9]);
	}

	#[test]
	fn the_next_page_starts_after_the_last_id() {
		let first = page_of_grants(live(), None, Some(2)).expect("a valid limit");
		let last = first.last().map(|(id, _)| *id);
		let second = page_of_grants(live(), last, Some(2)).expect("a valid limit");
		assert_eq!(ids(&second), vec![5, 7]);
		let third = page_of_grants(live(), Some(GrantId(7)), Some(2)).expect("a valid limit");
		assert_eq!(ids(&third), vec![9], "a short page is the last");
		// `after` need not be a live grant's id: it is a position.
		let from_gap = page_of_grants(live(), Some(GrantId(4)), Some(2)).expect("a valid limit");
		assert_eq!(ids(&from_gap), vec![5, 7]);
	}

	#[test]
	fn past_the_end_the_page_is_empty() {
		let page = page_of_grants(live(), Some(GrantId(9)), Some(2)).expect("a valid limit");
		assert!(page.is_empty());
		let none = page_of_grants(Vec::<(GrantId, ())>::new(), None, None).expect("no grants");
		assert!(none.is_empty());
	}

	#[test]
	fn a_limit_above_the_largest_page_or_of_zero_is_invalid_params() {
		for limit in [MAX_GRANTS_PAGE + 1, u32::MAX, 0] {
			let error = page_of_grants(live(), None, Some(limit)).expect_err("refused");
			assert_eq!(error.code(), INVALID_PARAMS_CODE, "{limit}");
			let message = error.message();
			assert!(message.contains("limit must be from 1 to 1000"), "{message}");
		}
		let largest = page_of_grants(live(), None, Some(MAX_GRANTS_PAGE)).expect("the largest");
		assert_eq!(largest.len(), 5);
	}

	#[test]
	fn a_records_page_is_at_most_a_hundred_and_never_quietly_cut() {
		assert_eq!(page_length(None, MAX_PAGE, MAX_PAGE, "record id").expect("default"), 100);
		assert_eq!(page_length(Some(7), MAX_PAGE, MAX_PAGE, "record id").expect("seven"), 7);
		for limit in [0, MAX_PAGE + 1, u32::MAX] {
			let error =
				page_length(Some(limit), MAX_PAGE, MAX_PAGE, "record id").expect_err("refused");
			assert_eq!(error.code(), INVALID_PARAMS_CODE, "{limit}");
			assert!(error.message().contains("after the last record id"), "{}", error.message());
		}
	}
}
