//! Reports releases on chain as disclosure receipts, in batches: every `report_every`, or as
//! soon as a release is noted, up to `report_batch` receipts per transaction, each batch marked
//! reported once its transaction is final. A release is noted before the record leaves, so a
//! restart reports whatever was pending. Delivery is at least once: if the gateway dies between
//! a batch's finality and its marking, that batch is reported again (the patient sees a receipt
//! twice, never one missing).

use crate::Gateway;
use medledger_client::{
	chain::Wait,
	runtime::{self, runtime_types},
	types::{parse_purpose, AccountId, GrantId, Purpose, RecordId},
};
use std::sync::Arc;
use subxt::utils::Static;

/// Report one batch of pending releases; returns how many were reported.
pub async fn report_releases(gateway: &Gateway) -> Result<usize, String> {
	let batch =
		gateway.store.unreported(gateway.settings.report_batch).await.map_err(|e| e.to_string())?;
	if batch.is_empty() {
		return Ok(0);
	}
	let mut receipts = Vec::with_capacity(batch.len());
	for release in &batch {
		let requester: AccountId =
			release.requester.parse().map_err(|_| "a stored requester is not SS58".to_string())?;
		let purpose: Purpose = parse_purpose(&release.purpose).map_err(|e| e.to_string())?;
		receipts.push(runtime_types::pallet_records::Disclosure {
			record: Static(RecordId(release.record)),
			requester,
			grant: release.grant.map(|g| Static(GrantId(g))),
			purpose: Static(purpose),
		});
	}
	let call = runtime::tx().records().report_disclosures(receipts);
	gateway
		.chain
		.submit(&call, &gateway.identity, Wait::Finalized, |_| {})
		.await
		.map_err(|e| e.to_string())?;
	let ids: Vec<String> = batch.iter().map(|r| r.id.clone()).collect();
	gateway.store.mark_reported(&ids).await.map_err(|e| e.to_string())?;
	Ok(ids.len())
}

/// Run the reporter until the process ends.
pub async fn run(gateway: Arc<Gateway>) {
	loop {
		match report_releases(&gateway).await {
			// A full batch: more may be waiting.
			Ok(n) if n as u32 == gateway.settings.report_batch => continue,
			Ok(_) => {},
			Err(e) => eprintln!("gateway: reporting disclosures failed, will retry: {e}"),
		}
		tokio::select! {
			_ = gateway.released.notified() => {},
			_ = tokio::time::sleep(gateway.settings.report_every) => {},
		}
	}
}
