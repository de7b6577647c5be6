//! What the gateway knows of the chain between requests: the finalized and the best head, and
//! what requests read on the state of those two heads (access decisions, document sets,
//! encryption keys), kept until either head moves. A release then costs no round trip to the
//! node while the heads stand still, which they do for most of each six-second slot.
//!
//! ## Keeping the heads current
//!
//! [`follow`] subscribes to the node's new best heads and new finalized heads and reads both
//! heads again at each notification, within milliseconds of the node importing a block; it
//! reads them every [`POLL_EVERY`] as well, in case a notification is lost, and subscribes again
//! when a subscription ends. Refreshes run one at a time ([`ChainView::refresh`]), so a newer view
//! is never replaced by an older one.
//!
//! ## Staleness
//!
//! A view not refreshed for `max_age` (the node unreachable, say) is not used: the request
//! refreshes it itself, and fails if it cannot. A request the view refuses is decided once
//! more on heads read from the node at that moment ([`crate::finality::check_release`]): a
//! grant final a moment ago releases at once, never a few milliseconds later. A revocation is
//! honoured from the moment the gateway sees the block that holds it as the node's best (the
//! node pushes it as it imports it).
//!
//! ## Memory
//!
//! Each memo holds at most [`MEMO_CAP`] entries; past that a request reads the node as if
//! nothing were kept. A view's memos go with it when a head moves.

use crate::onchain::DocumentSet;
use medledger_client::{
	chain::{Hash, MedLedger},
	types::{AccessDecision, AccountId, Purpose, RecordId},
};
use std::{
	collections::BTreeMap,
	future::Future,
	sync::{Arc, Mutex, RwLock},
	time::{Duration, Instant},
};

/// How often the heads are read when no notification came.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// The most entries each memo of a view holds.
pub const MEMO_CAP: usize = 65_536;

/// The two heads a release is decided on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Heads {
	pub finalized: Hash,
	pub finalized_number: u32,
	/// The finalized block's timestamp, in milliseconds since the Unix epoch.
	pub finalized_ms: u64,
	pub best: Hash,
}

/// Values read on the state of one pair of heads, by key, up to [`MEMO_CAP`].
struct Memo<K, V>(Mutex<BTreeMap<K, V>>);

impl<K: Ord, V: Clone> Memo<K, V> {
	fn new() -> Self {
		Self(Mutex::new(BTreeMap::new()))
	}

	fn get(&self, key: &K) -> Option<V> {
		self.0.lock().ok()?.get(key).cloned()
	}

	fn keep(&self, key: K, value: V) {
		if let Ok(mut entries) = self.0.lock() {
			if entries.len() < MEMO_CAP {
				entries.insert(key, value);
			}
		}
	}

	/// The value of `key`, read with `read` the first time (a failed read is not kept).
	async fn get_or<E, F: Future<Output = Result<V, E>>>(
		&self,
		key: K,
		read: impl FnOnce() -> F,
	) -> Result<V, E> {
		if let Some(value) = self.get(&key) {
			return Ok(value);
		}
		let value = read().await?;
		self.keep(key, value.clone());
		Ok(value)
	}

	fn len(&self) -> usize {
		self.0.lock().map_or(0, |entries| entries.len())
	}
}

/// The decisions at the finalized and at the best head.
pub type DecisionPair = (AccessDecision, AccessDecision);

/// One pair of heads and what was read on their state.
pub struct Snapshot {
	pub heads: Heads,
	decisions: Memo<([u8; 32], u64, Purpose), DecisionPair>,
	document_sets: Memo<u64, Option<DocumentSet>>,
	keys: Memo<[u8; 32], Option<[u8; 32]>>,
}

impl Snapshot {
	pub fn new(heads: Heads) -> Self {
		Self { heads, decisions: Memo::new(), document_sets: Memo::new(), keys: Memo::new() }
	}

	/// May `requester` read `record` for `purpose`, at the finalized head and at the best head?
	pub async fn decisions(
		&self,
		chain: &MedLedger,
		requester: &AccountId,
		record: RecordId,
		purpose: Purpose,
	) -> Result<DecisionPair, String> {
		let Heads { finalized, best, .. } = self.heads;
		self.decisions
			.get_or((requester.0, record.0, purpose), || async move {
				let (at_finalized, at_best) = tokio::try_join!(
					chain.record_access_at(requester, record, purpose, finalized),
					async {
						if best == finalized {
							Ok(None)
						} else {
							chain.record_access_at(requester, record, purpose, best).await.map(Some)
						}
					},
				)
				.map_err(|e| e.to_string())?;
				Ok((at_finalized, at_best.unwrap_or(at_finalized)))
			})
			.await
	}

	/// `record`'s document set at the finalized head.
	pub async fn document_set(
		&self,
		chain: &MedLedger,
		record: RecordId,
	) -> Result<Option<DocumentSet>, String> {
		let at = self.heads.finalized;
		self.document_sets
			.get_or(record.0, || crate::onchain::document_set_at(chain, record, at))
			.await
	}

	/// `who`'s registered encryption key at the finalized head.
	pub async fn encryption_key(
		&self,
		chain: &MedLedger,
		who: &AccountId,
	) -> Result<Option<[u8; 32]>, String> {
		let at = self.heads.finalized;
		self.keys.get_or(who.0, || crate::onchain::encryption_key_of(chain, who, at)).await
	}

	/// How many values the view holds: decisions, document sets, keys.
	pub fn held(&self) -> (usize, usize, usize) {
		(self.decisions.len(), self.document_sets.len(), self.keys.len())
	}
}

/// The current [`Snapshot`], and when the node last confirmed it.
pub struct ChainView {
	current: RwLock<Option<(Arc<Snapshot>, Instant)>>,
	/// Refreshes run one at a time.
	refreshing: tokio::sync::Mutex<()>,
	max_age: Duration,
}

impl ChainView {
	/// A view used while the node confirmed it within `max_age`.
	pub fn new(max_age: Duration) -> Self {
		Self { current: RwLock::new(None), refreshing: tokio::sync::Mutex::new(()), max_age }
	}

	/// The view, if the node confirmed it within `max_age` of `now`.
	pub fn fresh(&self, now: Instant) -> Option<Arc<Snapshot>> {
		let current = self.current.read().ok()?;
		let (snapshot, confirmed) = current.as_ref()?;
		(now.saturating_duration_since(*confirmed) <= self.max_age).then(|| snapshot.clone())
	}

	/// The view if fresh, else one refreshed now.
	pub async fn snapshot(&self, chain: &MedLedger) -> Result<Arc<Snapshot>, String> {
		match self.fresh(Instant::now()) {
			Some(snapshot) => Ok(snapshot),
			None => self.refresh(chain).await,
		}
	}

	/// Read both heads from the node now: the same view if neither moved (its memos kept),
	/// else a new, empty one. If the node cannot be read, the view is dropped: requests read
	/// the heads themselves until one succeeds.
	pub async fn refresh(&self, chain: &MedLedger) -> Result<Arc<Snapshot>, String> {
		let _one_at_a_time = self.refreshing.lock().await;
		let read = self.read_heads(chain).await;
		if read.is_err() {
			// What the node cannot confirm now is not used a moment longer.
			self.drop_view();
		}
		Ok(self.install(read?, Instant::now()))
	}

	/// Both heads as the node gives them now, the finalized block's time read only when the
	/// finalized head moved.
	async fn read_heads(&self, chain: &MedLedger) -> Result<Heads, String> {
		let (finalized, best) = tokio::try_join!(chain.finalized_head(), chain.best_head())
			.map_err(|e| e.to_string())?;
		let previous = self.current.read().ok().and_then(|c| c.as_ref().map(|(s, _)| s.clone()));
		let heads = match &previous {
			Some(s) if s.heads.finalized == finalized => Heads { best, ..s.heads },
			_ => {
				let (finalized_number, finalized_ms) =
					chain.block_time(finalized).await.map_err(|e| e.to_string())?;
				Heads { finalized, finalized_number, finalized_ms, best }
			},
		};
		Ok(heads)
	}

	/// Forget the view (the node could not confirm it).
	pub fn drop_view(&self) {
		if let Ok(mut current) = self.current.write() {
			*current = None;
		}
	}

	/// Make `heads`, confirmed at `now`, the view: the current one if the heads are the same.
	pub fn install(&self, heads: Heads, now: Instant) -> Arc<Snapshot> {
		let Ok(mut current) = self.current.write() else {
			// A panic while holding the lock: serve from a view of its own, not poisoned.
			return Arc::new(Snapshot::new(heads));
		};
		let snapshot = match current.take() {
			Some((same, _)) if same.heads == heads => same,
			_ => Arc::new(Snapshot::new(heads)),
		};
		*current = Some((snapshot.clone(), now));
		snapshot
	}
}

type HeadStream = futures::stream::Select<
	subxt::rpcs::client::RpcSubscription<serde_json::Value>,
	subxt::rpcs::client::RpcSubscription<serde_json::Value>,
>;

async fn subscribe(chain: &MedLedger) -> Result<HeadStream, String> {
	let rpc = chain.rpc();
	let best = rpc
		.subscribe(
			"chain_subscribeNewHeads",
			subxt::rpcs::client::RpcParams::new(),
			"chain_unsubscribeNewHeads",
		)
		.await
		.map_err(|e| e.to_string())?;
	let finalized = rpc
		.subscribe(
			"chain_subscribeFinalizedHeads",
			subxt::rpcs::client::RpcParams::new(),
			"chain_unsubscribeFinalizedHeads",
		)
		.await
		.map_err(|e| e.to_string())?;
	Ok(futures::stream::select(best, finalized))
}

/// Keep `view` current with `chain`'s heads until the view is dropped (see the module's docs).
pub async fn follow(view: std::sync::Weak<ChainView>, chain: MedLedger) {
	use futures::StreamExt;
	let mut heads: Option<HeadStream> = None;
	let mut poll = tokio::time::interval(POLL_EVERY);
	poll.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
	let mut healthy = true;
	loop {
		if heads.is_none() {
			heads = subscribe(&chain).await.ok();
		}
		let notified = tokio::select! {
			item = async {
				match heads.as_mut() {
					Some(stream) => stream.next().await,
					None => std::future::pending().await,
				}
			} => Some(item),
			_ = poll.tick() => None,
		};
		if let Some(item) = notified {
			if !matches!(item, Some(Ok(_))) {
				// Ended or failed: subscribe again at the next turn, polling meanwhile.
				heads = None;
			}
		}
		let Some(view) = view.upgrade() else { return };
		match view.refresh(&chain).await {
			Ok(_) if !healthy => {
				eprintln!("gateway: following the chain's heads again");
				healthy = true;
			},
			Ok(_) => {},
			Err(e) if healthy => {
				eprintln!("gateway: cannot read the chain's heads, releasing nothing: {e}");
				healthy = false;
			},
			Err(_) => {},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn heads(finalized: u8, best: u8) -> Heads {
		Heads {
			finalized: Hash::repeat_byte(finalized),
			finalized_number: finalized.into(),
			finalized_ms: 6_000 * u64::from(finalized),
			best: Hash::repeat_byte(best),
		}
	}

	#[test]
	fn a_view_is_used_only_while_the_node_confirmed_it_within_its_age() {
		let view = ChainView::new(Duration::from_secs(5));
		let start = Instant::now();
		assert!(view.fresh(start).is_none(), "no view before the first refresh");
		view.install(heads(1, 2), start);
		assert!(view.fresh(start + Duration::from_secs(5)).is_some());
		assert!(view.fresh(start + Duration::from_secs(6)).is_none());
		// Confirmed again: fresh again.
		view.install(heads(1, 2), start + Duration::from_secs(6));
		assert!(view.fresh(start + Duration::from_secs(7)).is_some());
		// The node could not confirm it: gone at once, not after its age.
		view.drop_view();
		assert!(view.fresh(start + Duration::from_secs(7)).is_none());
	}

	#[test]
	fn what_was_read_is_kept_while_the_heads_stand_and_dropped_when_either_moves() {
		let view = ChainView::new(Duration::from_secs(5));
		let now = Instant::now();
		let first = view.install(heads(1, 2), now);
		first.keys.keep([7; 32], Some([9; 32]));
		let same = view.install(heads(1, 2), now);
		assert!(Arc::ptr_eq(&first, &same));
		assert_eq!(same.keys.get(&[7; 32]), Some(Some([9; 32])));
		// A new best block (a revocation in it, say): nothing read before is used.
		let moved = view.install(heads(1, 3), now);
		assert!(!Arc::ptr_eq(&first, &moved));
		assert_eq!(moved.keys.get(&[7; 32]), None);
		assert_eq!(moved.held(), (0, 0, 0));
		// A new finalized block, the best the same.
		let finalized = view.install(heads(3, 3), now);
		assert!(!Arc::ptr_eq(&moved, &finalized));
		assert_eq!(view.fresh(now).unwrap().heads, heads(3, 3));
	}

	#[test]
	fn a_memo_stops_keeping_at_its_cap() {
		let memo = Memo::<u64, u64>::new();
		for key in 0..(MEMO_CAP as u64 + 10) {
			memo.keep(key, key);
		}
		assert_eq!(memo.len(), MEMO_CAP);
		assert_eq!(memo.get(&(MEMO_CAP as u64 + 1)), None);
		assert_eq!(memo.get(&3), Some(3));
	}

	#[tokio::test]
	async fn a_failed_read_is_not_kept() {
		let memo = Memo::<u64, u64>::new();
		let failed: Result<u64, &str> = memo.get_or(1, || async { Err("node gone") }).await;
		assert_eq!(failed, Err("node gone"));
		assert_eq!(memo.get_or(1, || async { Ok::<_, &str>(5) }).await, Ok(5));
		// Kept: not read again.
		assert_eq!(memo.get_or(1, || async { Err("read again") }).await, Ok(5));
	}
}
