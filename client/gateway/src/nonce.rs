//! The nonces of the gateway's identity, shared by everything it signs (document set
//! registrations and disclosure reports), so that two transactions never take the same nonce.
//!
//! # Invariant
//!
//! **A nonce recorded in `sent_transactions` is never handed out again.** A transaction the
//! gateway owes is signed with its nonce and recorded (nonce, effect, exact bytes) before it is
//! sent, under the lock that chooses nonces ([`NonceManager::sign_and_record`]); its record is
//! forgotten only once its fate is settled (see `sent`). So the chain holds at most one
//! transaction of the gateway's with a recorded nonce, and it is the recorded bytes: once the
//! account's nonce on the finalized chain has passed it, those bytes are final, and a restart
//! that finds the record sends the same bytes again, never new ones. This holds only if the
//! identity signs nothing but what the gateway sends (see the README).
//!
//! Each nonce is the least one, from the node's next index for the account (which counts its
//! transactions in the pool) up, that no record holds and nobody in this process holds
//! ([`Held`]: a sender until its transaction is recorded and settled, a settling pass, or a
//! [`NonceManager::with_nonce`] caller). It is chosen under one lock, so two callers never take
//! the same. The least free one, not one past the last: a nonce whose record was forgotten
//! (its bytes refused, or expired) left a gap, and every later transaction of the account waits
//! in the pool until that gap is filled.

use crate::store::{Effect, Store};
use medledger_client::{chain::MedLedger, types::AccountId, Error, Keys};
use std::{collections::BTreeSet, future::Future, sync::Mutex};
use subxt::transactions::Payload;

/// The nonces of one account's transactions.
pub struct NonceManager {
	account: AccountId,
	/// Where the nonces of sent transactions are recorded.
	store: Store,
	/// Held while a nonce is chosen, and until what it was chosen for is recorded.
	choosing: tokio::sync::Mutex<()>,
	/// The nonces someone in this process holds (see [`Held`]).
	held: Mutex<BTreeSet<u64>>,
}

/// A nonce held: not handed out, nor settled by anyone else, until dropped.
pub struct Held<'a> {
	nonces: &'a NonceManager,
	nonce: u64,
}

impl Held<'_> {
	/// The nonce held.
	pub fn nonce(&self) -> u64 {
		self.nonce
	}
}

impl Drop for Held<'_> {
	fn drop(&mut self) {
		if let Ok(mut held) = self.nonces.held.lock() {
			held.remove(&self.nonce);
		}
	}
}

/// The least nonce from `next_index` up that is not `taken`.
fn first_free(next_index: u64, taken: &BTreeSet<u64>) -> u64 {
	let mut nonce = next_index;
	for &used in taken.range(next_index..) {
		if used != nonce {
			break;
		}
		nonce = nonce.saturating_add(1);
	}
	nonce
}

impl NonceManager {
	/// The nonces of `account`, whose sent transactions `store` records.
	pub fn new(account: AccountId, store: Store) -> Self {
		Self {
			account,
			store,
			choosing: tokio::sync::Mutex::new(()),
			held: Mutex::new(BTreeSet::new()),
		}
	}

	/// The account whose nonces these are.
	pub fn account(&self) -> &AccountId {
		&self.account
	}

	/// Hold `nonce` (a recorded transaction's, to settle it); `None` if someone holds it.
	pub fn hold(&self, nonce: u64) -> Option<Held<'_>> {
		let mut held = self.held.lock().ok()?;
		// `then`, not `then_some`: a `Held` made and dropped here would release the holder's.
		held.insert(nonce).then(|| Held { nonces: self, nonce })
	}

	/// Sign `call` with `signer` (whose account this manager counts for) with the next free
	/// nonce, and record it (its effect, its bytes) before anything is sent. The nonce, held,
	/// and the signed bytes to send.
	pub async fn sign_and_record<Call: Payload>(
		&self,
		chain: &MedLedger,
		call: &Call,
		signer: &Keys,
		effect: &Effect,
	) -> Result<(Held<'_>, Vec<u8>), Error> {
		self.take(self.read(chain), |nonce| async move {
			let extrinsic = chain.sign_with_nonce(call, signer, nonce).await?;
			self.store
				.record_sent(nonce, effect, &extrinsic)
				.await
				.map_err(|e| Error::Node(format!("recording transaction {nonce}: {e}")))?;
			Ok(extrinsic)
		})
		.await
	}

	/// Run `send` with the next free nonce, held until it returns. Nothing is recorded: for
	/// transactions outside the exactly-once guarantee (tests, administration), never for the
	/// reports and registrations the gateway owes ([`crate::Gateway::send`]).
	pub async fn with_nonce<T, F, Fut>(&self, chain: &MedLedger, send: F) -> Result<T, Error>
	where
		F: FnOnce(u64) -> Fut,
		Fut: Future<Output = Result<T, Error>>,
	{
		let (held, ()) = self.take(self.read(chain), |_| async { Ok(()) }).await?;
		send(held.nonce()).await
	}

	/// The node's next index for the account, and the nonces recorded.
	async fn read(&self, chain: &MedLedger) -> Result<(u64, Vec<u64>), Error> {
		let next_index = chain.next_nonce(&self.account).await?;
		let recorded = self
			.store
			.sent_nonces()
			.await
			.map_err(|e| Error::Node(format!("reading the recorded nonces: {e}")))?;
		Ok((next_index, recorded))
	}

	/// Choose the next free nonce (from `read`: the node's next index and the recorded nonces)
	/// and hold it, then run `then` with it, all under the lock: a nonce `then` records is
	/// recorded before anyone chooses again. If `then` fails, the nonce is free again.
	async fn take<T, R, F, Fut>(&self, read: R, then: F) -> Result<(Held<'_>, T), Error>
	where
		R: Future<Output = Result<(u64, Vec<u64>), Error>>,
		F: FnOnce(u64) -> Fut,
		Fut: Future<Output = Result<T, Error>>,
	{
		let _choosing = self.choosing.lock().await;
		let (next_index, recorded) = read.await?;
		let nonce = {
			let mut held = self
				.held
				.lock()
				.map_err(|_| Error::Node("the nonce counter failed earlier; restart".into()))?;
			let taken: BTreeSet<u64> = recorded.into_iter().chain(held.iter().copied()).collect();
			let nonce = first_free(next_index, &taken);
			held.insert(nonce);
			nonce
		};
		let held = Held { nonces: self, nonce };
		let value = then(nonce).await?;
		Ok((held, value))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::sync::atomic::{AtomicUsize, Ordering};

	async fn manager() -> (NonceManager, tempfile::TempDir) {
		let dir = tempfile::tempdir().unwrap();
		let store =
			Store::open(&format!("sqlite://{}", dir.path().join("g.db").display())).await.unwrap();
		(NonceManager::new(Keys::from_uri("//Alice").unwrap().account_id(), store), dir)
	}

	/// What the node and the records say.
	async fn read(next_index: u64, recorded: &[u64]) -> Result<(u64, Vec<u64>), Error> {
		Ok((next_index, recorded.to_vec()))
	}

	async fn nothing(_: u64) -> Result<(), Error> {
		Ok(())
	}

	#[test]
	fn a_nonce_is_the_least_free_one_from_the_nodes_next_index() {
		let taken = |nonces: &[u64]| nonces.iter().copied().collect::<BTreeSet<u64>>();
		assert_eq!(first_free(7, &taken(&[])), 7);
		assert_eq!(first_free(7, &taken(&[7, 8, 10])), 9, "past the taken, into the gap");
		assert_eq!(first_free(7, &taken(&[3, 5])), 7, "final ones the node counts already");
		assert_eq!(first_free(7, &taken(&[8, 9])), 7, "a forgotten nonce is used again");
	}

	#[tokio::test]
	async fn a_recorded_or_held_nonce_is_never_handed_out() {
		let (nonces, _dir) = manager().await;
		let (first, ()) = nonces.take(read(5, &[5, 6]), nothing).await.unwrap();
		assert_eq!(first.nonce(), 7, "5 and 6 are recorded");
		// Not recorded yet, but held: the next is past it.
		let (second, ()) = nonces.take(read(5, &[5, 6]), nothing).await.unwrap();
		assert_eq!(second.nonce(), 8);
		// A settling pass holds a recorded nonce; nobody else may.
		assert!(nonces.hold(5).is_some());
		let settling = nonces.hold(6).unwrap();
		assert!(nonces.hold(6).is_none(), "held by the pass");
		drop(settling);
		// Released and never recorded: free again, the least first.
		drop(first);
		let (again, ()) = nonces.take(read(5, &[5, 6]), nothing).await.unwrap();
		assert_eq!(again.nonce(), 7);
	}

	#[tokio::test]
	async fn a_failed_read_or_signature_hands_out_nothing() {
		let (nonces, _dir) = manager().await;
		let unreachable = async { Err::<(u64, Vec<u64>), _>(Error::Node("unreachable".into())) };
		assert!(nonces.take(unreachable, nothing).await.is_err());
		let refused = |_: u64| async { Err::<(), _>(Error::Node("cannot sign".into())) };
		assert!(nonces.take(read(3, &[]), refused).await.is_err());
		let (held, ()) = nonces.take(read(3, &[]), nothing).await.unwrap();
		assert_eq!(held.nonce(), 3, "nothing was taken");
	}

	#[tokio::test]
	async fn transactions_sent_at_once_never_share_a_nonce() {
		let (nonces, _dir) = manager().await;
		let recorded = Mutex::new(Vec::new());
		let reads = AtomicUsize::new(0);
		let (recorded, reads) = (&recorded, &reads);
		let taken = futures::future::join_all((0..50).map(|_| {
			let read = async move {
				reads.fetch_add(1, Ordering::SeqCst);
				tokio::task::yield_now().await;
				Ok::<_, Error>((40, recorded.lock().unwrap().clone()))
			};
			// Each records its nonce, as `sign_and_record` does, and releases its hold.
			nonces.take(read, move |nonce| async move {
				tokio::task::yield_now().await;
				recorded.lock().unwrap().push(nonce);
				Ok::<_, Error>(nonce)
			})
		}))
		.await;
		let mut taken: Vec<u64> = taken.into_iter().map(|t| t.unwrap().1).collect();
		taken.sort_unstable();
		assert_eq!(taken, (40..90).collect::<Vec<_>>());
		assert_eq!(reads.load(Ordering::SeqCst), 50);
	}
}
