//! Reports releases on chain as disclosure receipts, in batches: every `report_every`, or as
//! soon as a release is noted, up to `report_batch` receipts per transaction and up to
//! `reports_in_flight` transactions waiting for finality at once (several batches per finality
//! round). A release is noted before the record leaves, so a restart reports whatever was
//! pending. Delivery is exactly once: each batch is sent through [`Gateway::send`] (recorded
//! before it is sent) and marked reported in the database transaction that forgets its record,
//! once final; a batch whose fate a stop or a lost connection hid is settled by [`sent`] at the
//! start of the next round, from the same bytes, and its releases are not taken again until
//! then.
//!
//! The chain judges each receipt on its own, as of the block the release was decided on
//! (`released_at`), and skips (with a `ReceiptRefused` event) one it cannot accept: one bad
//! receipt never holds the others back. Those refusals are logged here with the chain's reason.

use crate::{
	sent,
	store::{Effect, Release},
	Gateway,
};
use medledger_client::{
	runtime::records::events::ReceiptRefused,
	types::{disclosure::Disclosure, AccountId, GrantId, Purpose, RecordId},
	MedLedger,
};
use std::sync::Arc;

/// Settle what earlier rounds sent ([`sent::settle`]), then report the pending releases, up to
/// `reports_in_flight` batches at once; returns how many were reported.
pub async fn report_releases(gateway: &Gateway) -> Result<usize, String> {
	sent::settle(gateway).await;
	let settings = &gateway.settings;
	let limit = settings.report_batch.saturating_mul(settings.reports_in_flight.max(1));
	let pending = gateway.store.unreported(limit).await.map_err(|e| e.to_string())?;
	if pending.is_empty() {
		return Ok(0);
	}
	let batches = pending.chunks(settings.report_batch.max(1) as usize);
	let outcomes =
		futures::future::join_all(batches.map(|batch| report_batch(gateway, batch))).await;
	let mut reported = 0;
	let mut first_error = None;
	for outcome in outcomes {
		match outcome {
			Ok(n) => reported += n,
			Err(e) => {
				first_error.get_or_insert(e);
			},
		}
	}
	match first_error {
		Some(e) if reported == 0 => Err(e),
		Some(e) => {
			eprintln!("gateway: a disclosure report failed, will retry: {e}");
			Ok(reported)
		},
		None => Ok(reported),
	}
}

/// Send one batch and, once final, mark it reported as its record is forgotten.
async fn report_batch(gateway: &Gateway, batch: &[Release]) -> Result<usize, String> {
	let mut receipts = Vec::with_capacity(batch.len());
	for release in batch {
		let requester: AccountId =
			release.requester.parse().map_err(|_| "a stored requester is not SS58".to_string())?;
		let purpose: Purpose = release.purpose.parse().map_err(|e| format!("{e}"))?;
		receipts.push(Disclosure {
			record: RecordId(release.record),
			requester,
			grant: release.grant.map(GrantId),
			purpose,
			released_at: release.decided_at,
		});
	}
	let call = MedLedger::disclosure_report_call(&receipts);
	let ids: Vec<String> = batch.iter().map(|r| r.id.clone()).collect();
	let (held, events) =
		gateway.send(&call, &Effect::Report(ids.clone())).await.map_err(|e| e.to_string())?;
	for refused in events.find::<ReceiptRefused>().flatten() {
		eprintln!(
			"gateway: the chain refused the receipt of record {} to {}: {:?}",
			refused.record.0 .0, refused.requester, refused.reason
		);
	}
	gateway.store.mark_reported_and_forget(&ids, held.nonce()).await.map_err(|e| e.to_string())?;
	Ok(ids.len())
}

/// Run the reporter until the process ends.
pub async fn run(gateway: Arc<Gateway>) {
	let full =
		gateway.settings.report_batch.saturating_mul(gateway.settings.reports_in_flight.max(1));
	loop {
		match report_releases(&gateway).await {
			// Every batch was full: more may be waiting.
			Ok(n) if n as u32 == full => continue,
			Ok(_) => {},
			Err(e) => eprintln!("gateway: reporting disclosures failed, will retry: {e}"),
		}
		tokio::select! {
			_ = gateway.released.notified() => {},
			_ = tokio::time::sleep(gateway.settings.report_every) => {},
		}
	}
}
