//! Noting releases with group commit: a release is noted in the database before its record
//! leaves (so that no crash loses one), and the releases of many concurrent requests share one
//! statement and one commit.
//!
//! A request hands its release to [`ReleaseLog::note`] and waits. One writer takes every release
//! waiting (up to [`MAX_RELEASES_NOTED_AT_ONCE`]), notes them in one statement, and answers each
//! request with the outcome: while a commit is under way the next group gathers, so the
//! number of commits follows the disk, not the request rate. A group that fails fails every
//! request in it, and none of their records leaves; a stop before the commit leaves nothing
//! noted and nothing released.

use crate::store::{Release, Store, MAX_RELEASES_NOTED_AT_ONCE};
use tokio::sync::{mpsc, oneshot};

/// Releases waiting for the writer, at most: past that, requests wait to hand theirs over.
const QUEUE: usize = 4 * MAX_RELEASES_NOTED_AT_ONCE;

struct Waiting {
	release: Release,
	noted: oneshot::Sender<Result<(), String>>,
}

/// The handle requests note releases through. Its writer runs while a handle does.
#[derive(Clone)]
pub struct ReleaseLog {
	queue: mpsc::Sender<Waiting>,
}

impl ReleaseLog {
	/// A log writing to `store`, its writer spawned on the current runtime.
	pub fn start(store: Store) -> Self {
		let (queue, waiting) = mpsc::channel(QUEUE);
		tokio::spawn(write(store, waiting));
		Self { queue }
	}

	/// Note `release`: returns once it is committed, or with why it was not.
	pub async fn note(&self, release: Release) -> Result<(), String> {
		let (noted, outcome) = oneshot::channel();
		self.queue
			.send(Waiting { release, noted })
			.await
			.map_err(|_| "the release log has stopped".to_string())?;
		outcome.await.map_err(|_| "the release log stopped before noting it".to_string())?
	}
}

async fn write(store: Store, mut waiting: mpsc::Receiver<Waiting>) {
	let mut group = Vec::with_capacity(MAX_RELEASES_NOTED_AT_ONCE);
	while waiting.recv_many(&mut group, MAX_RELEASES_NOTED_AT_ONCE).await > 0 {
		let releases: Vec<Release> = group.iter().map(|w| w.release.clone()).collect();
		let outcome = store.add_releases(&releases).await.map_err(|e| e.to_string());
		for waiting in group.drain(..) {
			// A request that gave up waiting does not stop the others.
			let _ = waiting.noted.send(outcome.clone());
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::store::testing::{backends, release};

	#[tokio::test]
	async fn concurrent_releases_are_all_noted_each_once() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			let log = ReleaseLog::start(store.clone());
			let ids: Vec<String> = (0..300).map(|i| format!("r{i:03}")).collect();
			let noted = futures::future::join_all(ids.iter().map(|id| log.note(release(id)))).await;
			assert!(noted.iter().all(Result::is_ok), "{url}: {noted:?}");
			let mut stored: Vec<String> =
				store.releases().await.unwrap().into_iter().map(|r| r.id).collect();
			stored.sort();
			assert_eq!(stored, ids, "{url}");
		}
	}

	#[tokio::test]
	async fn a_group_that_fails_notes_nothing_and_fails_each_request_in_it() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			store.add_release(&release("taken")).await.unwrap();
			// Three releases in one statement, one of them clashing: none is noted.
			let refused = store.add_releases(&[release("x"), release("taken"), release("y")]).await;
			assert!(refused.is_err(), "{url}");
			let ids: Vec<String> =
				store.releases().await.unwrap().into_iter().map(|r| r.id).collect();
			assert_eq!(ids, vec!["taken".to_string()], "{url}");
			// Through the log, three requests at once: their releases are one group (the writer
			// runs once all three wait, on this single-threaded test runtime), so the clash fails
			// all three, and none is noted.
			let log = ReleaseLog::start(store.clone());
			let group =
				futures::future::join_all(["p", "taken", "q"].map(|id| log.note(release(id))))
					.await;
			assert!(group.iter().all(Result::is_err), "{url}: {group:?}");
			let ids: Vec<String> =
				store.releases().await.unwrap().into_iter().map(|r| r.id).collect();
			assert_eq!(ids, vec!["taken".to_string()], "{url}");
			// The next group is its own.
			assert!(log.note(release("z")).await.is_ok(), "{url}");
		}
	}
}
