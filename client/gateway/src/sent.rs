//! Settling the transactions the gateway sent and whose fate it did not see: those a stop cut
//! off (in the pool, in a block not yet final, or final and not yet applied in the database),
//! and those whose sender lost the node or was told it gave up on them.
//!
//! Each was recorded (nonce, effect, exact bytes) before it was sent ([`Gateway::send`]), and
//! no recorded nonce is ever handed out again (see [`crate::nonce`]): the chain holds at most
//! one transaction of the gateway's with that nonce, and it is these bytes. So, in nonce order:
//!
//! - once the account's nonce on the **finalized** chain has passed the record's, its bytes are
//!   final: a report's releases are marked reported and the record forgotten, together; a
//!   registration's record is forgotten, and the next pass over the waiting uploads finds its
//!   document set on the finalized chain and files the upload;
//! - else the same bytes are handed to the pool again, never new ones. If the pool finds them
//!   invalid and their nonce is unused even in the best chain, they can never land (expired, a
//!   bad signature after a runtime upgrade, fees they cannot pay): the record is forgotten, and
//!   the work is done anew with a new nonce. Otherwise (back in the pool, known to it already,
//!   in a block not yet final, or the node could not say) the pass waits a while for the
//!   finalized nonce to pass them, and leaves what is still not final to the next pass.
//!
//! A pass runs at start, before uploads are resumed and releases reported, and at the start of
//! each round of either. Until a record is settled, its releases are not reported again and its
//! upload is not registered again. A record whose sender is still waiting for it is left to
//! that sender (its nonce is [`Held`](crate::nonce::Held)).

use crate::{
	store::{Effect, SentTransaction},
	Gateway,
};
use medledger_client::Error;
use std::{
	collections::HashMap,
	time::{Duration, Instant},
};

/// How long a pass waits for the transactions it sent again to be final: finality trails the
/// best block by two or three 6 s blocks.
const FINALITY_WAIT: Duration = Duration::from_secs(30);
/// How often the finalized nonce is read meanwhile.
const POLL: Duration = Duration::from_secs(2);

/// What one settling pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Settled {
	/// Final on chain: their effect applied and their records forgotten.
	pub applied: usize,
	/// Never to land: forgotten, their work to be done anew.
	pub forgotten: usize,
	/// Not final yet: left for the next pass.
	pub waiting: usize,
}

/// Settle the recorded transactions nobody else is waiting for (see the module's doc). Fails
/// when the database or the node cannot be read; what is not settled is left for the next pass.
pub async fn settle_sent(gateway: &Gateway) -> Result<Settled, String> {
	let recorded = gateway.store.sent().await.map_err(|e| e.to_string())?;
	if recorded.is_empty() {
		return Ok(Settled::default());
	}
	// Held first, then read again: a record may have been settled meanwhile, and its nonce
	// recorded anew by another transaction.
	let mut held: HashMap<u64, _> = recorded
		.iter()
		.filter_map(|r| gateway.nonces.hold(r.nonce).map(|h| (r.nonce, h)))
		.collect();
	let mut records = gateway.store.sent().await.map_err(|e| e.to_string())?;
	records.retain(|r| held.contains_key(&r.nonce));

	let chain = &gateway.chain;
	let account = gateway.identity.account_id();
	let mut settled = Settled::default();
	let finalized = chain.finalized_nonce(&account).await.map_err(|e| e.to_string())?;
	let mut waiting = Vec::new();
	for record in records {
		if record.nonce < finalized {
			apply(gateway, &record).await?;
			settled.applied += 1;
			continue;
		}
		match chain.resubmit(&record.extrinsic).await {
			Err(Error::Refused(reason)) => {
				// Invalid at the best block: used there (its block not final yet), or never to be.
				let next = chain.next_nonce(&account).await.map_err(|e| e.to_string())?;
				if next > record.nonce {
					waiting.push(record);
				} else {
					eprintln!(
						"gateway: transaction {} can never land ({reason}): forgotten, its work is \
						 done anew",
						record.nonce
					);
					gateway.store.forget_sent(record.nonce).await.map_err(|e| e.to_string())?;
					// Free at once: a later transaction waits in the pool until it is used.
					held.remove(&record.nonce);
					settled.forgotten += 1;
				}
			},
			Ok(()) | Err(_) => waiting.push(record),
		}
	}

	let deadline = Instant::now() + FINALITY_WAIT;
	while !waiting.is_empty() && Instant::now() < deadline {
		tokio::time::sleep(POLL).await;
		let finalized = chain.finalized_nonce(&account).await.map_err(|e| e.to_string())?;
		let (done, left): (Vec<_>, Vec<_>) = waiting.into_iter().partition(|r| r.nonce < finalized);
		for record in &done {
			apply(gateway, record).await?;
			settled.applied += 1;
		}
		waiting = left;
	}
	settled.waiting = waiting.len();
	Ok(settled)
}

/// [`settle_sent`] before a round of reports or uploads, its outcome logged. A failure is
/// logged and left for the next round: nothing waits on a pass but the records it settles.
pub async fn settle(gateway: &Gateway) {
	match settle_sent(gateway).await {
		Ok(settled) if settled != Settled::default() => eprintln!(
			"gateway: sent transactions: {} final, {} never to land, {} not final yet",
			settled.applied, settled.forgotten, settled.waiting
		),
		Ok(_) => {},
		Err(e) => eprintln!("gateway: settling sent transactions failed, will retry: {e}"),
	}
}

/// A final transaction's effect, applied in the database transaction that forgets its record.
async fn apply(gateway: &Gateway, record: &SentTransaction) -> Result<(), String> {
	let applied = match &record.effect {
		Effect::Report(releases) => {
			gateway.store.mark_reported_and_forget(releases, record.nonce).await
		},
		// Filed by the next pass over the waiting uploads, from the finalized chain.
		Effect::Register(_) => gateway.store.forget_sent(record.nonce).await,
	};
	applied.map_err(|e| e.to_string())
}
