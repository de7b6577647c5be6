//! One nonce counter per signing identity, shared by everything the gateway signs (document set
//! registrations and disclosure reports), so that two transactions sent at once never take the
//! same nonce.
//!
//! Each nonce is the larger of the node's next index for the account (which counts its
//! transactions in the pool) and one more than the last nonce handed out, read and taken under
//! one lock: a transaction handed a nonce but not yet in the pool is counted, and so is one the
//! account sent by other means. After a failed submission the counter forgets itself, so that
//! the next nonce is the node's alone: a transaction the pool refused left a gap, one sent but
//! not confirmed may or may not have used its nonce, and only the node knows.

use medledger_client::{
	chain::{Config, Included, MedLedger, Wait},
	types::AccountId,
	Error, Keys,
};
use std::future::Future;
use subxt::{extrinsics::ExtrinsicEvents, transactions::Payload};

/// The nonces of one account's transactions.
pub struct NonceManager {
	account: AccountId,
	next: tokio::sync::Mutex<Option<u64>>,
}

impl NonceManager {
	pub fn new(account: AccountId) -> Self {
		Self { account, next: tokio::sync::Mutex::new(None) }
	}

	/// The account whose nonces these are.
	pub fn account(&self) -> &AccountId {
		&self.account
	}

	/// The next nonce: the larger of `read` (the chain's next index for the account) and one
	/// more than the last one handed out since the last resync.
	pub async fn reserve<F, Fut>(&self, read: F) -> Result<u64, Error>
	where
		F: FnOnce() -> Fut,
		Fut: Future<Output = Result<u64, Error>>,
	{
		// Held across the read, so that two callers never read and take the same index.
		let mut next = self.next.lock().await;
		let on_chain = read().await?;
		let nonce = (*next).map_or(on_chain, |counted| counted.max(on_chain));
		*next = Some(nonce.saturating_add(1));
		Ok(nonce)
	}

	/// The next nonce of the account on `chain`.
	pub async fn next(&self, chain: &MedLedger) -> Result<u64, Error> {
		self.reserve(|| chain.next_nonce(&self.account)).await
	}

	/// Forget the count: the next nonce is read from the chain again.
	pub async fn resync(&self) {
		*self.next.lock().await = None;
	}

	/// Run `send` with the next nonce; if it fails, resync.
	pub async fn with_nonce<T, F, Fut>(&self, chain: &MedLedger, send: F) -> Result<T, Error>
	where
		F: FnOnce(u64) -> Fut,
		Fut: Future<Output = Result<T, Error>>,
	{
		let nonce = self.next(chain).await?;
		let result = send(nonce).await;
		if result.is_err() {
			self.resync().await;
		}
		result
	}

	/// Sign `call` with `signer` (whose account this manager counts for), submit it with the next
	/// nonce and wait as `wait` says.
	pub async fn submit<Call: Payload>(
		&self,
		chain: &MedLedger,
		call: &Call,
		signer: &Keys,
		wait: Wait,
	) -> Result<(Included, ExtrinsicEvents<Config>), Error> {
		self.with_nonce(chain, |nonce| chain.submit_with_nonce(call, signer, nonce, wait, |_| {}))
			.await
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::sync::atomic::{AtomicUsize, Ordering};

	fn manager() -> NonceManager {
		NonceManager::new(Keys::from_uri("//Alice").unwrap().account_id())
	}

	fn chain_says(value: u64) -> impl FnOnce() -> std::future::Ready<Result<u64, Error>> {
		move || std::future::ready(Ok(value))
	}

	#[tokio::test]
	async fn nonces_count_past_what_the_pool_has_seen_and_follow_it_when_it_is_ahead() {
		let nonces = manager();
		assert_eq!(nonces.reserve(chain_says(7)).await.unwrap(), 7);
		// Not in the pool yet: the node still says 7.
		assert_eq!(nonces.reserve(chain_says(7)).await.unwrap(), 8);
		assert_eq!(nonces.reserve(chain_says(8)).await.unwrap(), 9);
		// The account sent transactions by other means: the node is ahead.
		assert_eq!(nonces.reserve(chain_says(20)).await.unwrap(), 20);
		// A submission failed: after the resync the node alone decides (it fills the gap).
		nonces.resync().await;
		assert_eq!(nonces.reserve(chain_says(12)).await.unwrap(), 12);
	}

	#[tokio::test]
	async fn a_failed_read_hands_out_nothing() {
		let nonces = manager();
		assert_eq!(nonces.reserve(chain_says(3)).await.unwrap(), 3);
		let failed = nonces.reserve(|| async { Err(Error::Node("unreachable".into())) }).await;
		assert!(failed.is_err());
		assert_eq!(nonces.reserve(chain_says(3)).await.unwrap(), 4, "nothing was taken");
	}

	#[tokio::test]
	async fn transactions_sent_at_once_never_share_a_nonce() {
		let nonces = manager();
		let reads = AtomicUsize::new(0);
		let reads = &reads;
		let taken = futures::future::join_all((0..50).map(|_| {
			nonces.reserve(move || async move {
				reads.fetch_add(1, Ordering::SeqCst);
				tokio::task::yield_now().await;
				Ok(40)
			})
		}))
		.await;
		let mut taken: Vec<u64> = taken.into_iter().map(Result::unwrap).collect();
		taken.sort_unstable();
		assert_eq!(taken, (40..90).collect::<Vec<_>>());
		assert_eq!(reads.load(Ordering::SeqCst), 50);
	}
}
