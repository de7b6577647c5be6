//! Releases: noted before a record leaves, kept until reported on chain (see `reporter`), and
//! kept after as the gateway's own account of what it released.

use super::{now_ms, sent::forget_in, Effect, Store, StoreError};
use sqlx::Row;
use std::collections::HashSet;

/// A release to report on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
	pub id: String,
	pub record: u64,
	pub requester: String,
	pub grant: Option<u64>,
	/// The purpose's name (`treatment`), as `Purpose`'s `Display` writes it.
	pub purpose: String,
	/// The finalized block whose state allowed the release (the best block allowed it too).
	pub decided_at: u32,
}

/// A release from a row of `id, record, requester, grant_id, purpose, decided_at`.
fn release_from(row: &sqlx::any::AnyRow) -> Result<Release, StoreError> {
	Ok(Release {
		id: row.try_get(0)?,
		record: row.try_get::<i64, _>(1)? as u64,
		requester: row.try_get(2)?,
		grant: row.try_get::<Option<i64>, _>(3)?.map(|g| g as u64),
		purpose: row.try_get(4)?,
		decided_at: row.try_get::<i64, _>(5)? as u32,
	})
}

/// The most releases one statement notes (7 values each, well below SQLite's 32,766).
pub const MAX_RELEASES_NOTED_AT_ONCE: usize = 1024;

impl Store {
	/// Note a release before the record leaves, so that a crash cannot lose it.
	pub async fn add_release(&self, release: &Release) -> Result<(), StoreError> {
		self.add_releases(std::slice::from_ref(release)).await
	}

	/// Note `releases` in one statement, so in one commit: all or none. At most
	/// [`MAX_RELEASES_NOTED_AT_ONCE`].
	pub async fn add_releases(&self, releases: &[Release]) -> Result<(), StoreError> {
		if releases.is_empty() {
			return Ok(());
		}
		if releases.len() > MAX_RELEASES_NOTED_AT_ONCE {
			return Err(StoreError(format!(
				"{} releases at once: at most {MAX_RELEASES_NOTED_AT_ONCE}",
				releases.len()
			)));
		}
		let rows: Vec<String> = (0..releases.len())
			.map(|i| {
				let n = i * 7;
				format!(
					"(${}, ${}, ${}, ${}, ${}, ${}, 0, ${})",
					n + 1,
					n + 2,
					n + 3,
					n + 4,
					n + 5,
					n + 6,
					n + 7
				)
			})
			.collect();
		let statement = format!(
			"INSERT INTO releases (id, record, requester, grant_id, purpose, released_at, reported, decided_at)
			 VALUES {}",
			rows.join(", ")
		);
		let noted_at = now_ms();
		let mut query = sqlx::query(&statement);
		for release in releases {
			query = query
				.bind(&release.id)
				.bind(release.record as i64)
				.bind(&release.requester)
				.bind(release.grant.map(|g| g as i64))
				.bind(&release.purpose)
				.bind(noted_at)
				.bind(i64::from(release.decided_at));
		}
		query.execute(&self.pool).await?;
		Ok(())
	}

	/// Every release noted, reported or not, oldest first: the gateway's own account of what it
	/// released, for checking against the disclosure receipts on chain.
	pub async fn releases(&self) -> Result<Vec<Release>, StoreError> {
		let rows = sqlx::query(
			"SELECT id, record, requester, grant_id, purpose, decided_at FROM releases
			 ORDER BY released_at, id",
		)
		.fetch_all(&self.pool)
		.await?;
		rows.iter().map(release_from).collect()
	}

	/// Up to `limit` releases not yet reported, oldest first, leaving out those a sent report not
	/// yet settled names: that report may still land, and they are not sent twice. (One reporter
	/// at a time: two could both take a release before either records its report.)
	pub async fn unreported(&self, limit: u32) -> Result<Vec<Release>, StoreError> {
		// Read first: a report settled after this read has marked its releases reported, so
		// none of them is taken below.
		let mut reporting = HashSet::new();
		for transaction in self.sent().await? {
			if let Effect::Report(releases) = transaction.effect {
				reporting.extend(releases);
			}
		}
		let rows = sqlx::query(
			"SELECT id, record, requester, grant_id, purpose, decided_at FROM releases
			 WHERE reported = 0 ORDER BY released_at, id LIMIT $1",
		)
		.bind(i64::from(limit) + reporting.len() as i64)
		.fetch_all(&self.pool)
		.await?;
		let mut unreported = Vec::new();
		for row in &rows {
			let release = release_from(row)?;
			if !reporting.contains(&release.id) {
				unreported.push(release);
			}
		}
		unreported.truncate(limit as usize);
		Ok(unreported)
	}

	/// Mark the releases `ids` reported and forget the sent report `nonce` that reported them,
	/// in one transaction: both, or neither (then the report is settled again).
	pub async fn mark_reported_and_forget(
		&self,
		ids: &[String],
		nonce: u64,
	) -> Result<(), StoreError> {
		let mut tx = self.pool.begin().await?;
		for id in ids {
			sqlx::query("UPDATE releases SET reported = 1 WHERE id = $1")
				.bind(id)
				.execute(&mut *tx)
				.await?;
		}
		forget_in(&mut tx, nonce).await?;
		tx.commit().await?;
		Ok(())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::store::testing::{backends, release, report};

	#[tokio::test]
	async fn releases_wait_until_reported_and_survive_a_restart() {
		for (url, _dir) in backends().await {
			let release = |id: &str, grant| Release { grant, ..release(id) };
			{
				let store = Store::open(&url).await.unwrap();
				store.add_release(&release("a", Some(4))).await.unwrap();
				store.add_release(&release("b", None)).await.unwrap();
			}
			let store = Store::open(&url).await.unwrap();
			assert_eq!(store.unreported(10).await.unwrap().len(), 2, "{url}");
			store.record_sent(1, &Effect::Report(vec!["a".into()]), &[1]).await.unwrap();
			store.mark_reported_and_forget(&["a".into()], 1).await.unwrap();
			assert_eq!(store.unreported(10).await.unwrap(), vec![release("b", None)], "{url}");
			// The gateway's account of its releases keeps the reported ones.
			let ids: Vec<String> =
				store.releases().await.unwrap().into_iter().map(|r| r.id).collect();
			assert_eq!(ids.len(), 2, "{url}");
			assert!(ids.contains(&"a".to_string()) && ids.contains(&"b".to_string()), "{url}");
		}
	}

	#[tokio::test]
	async fn releases_in_a_report_not_yet_settled_are_not_unreported() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			for id in ["a", "b", "c"] {
				store.add_release(&release(id)).await.unwrap();
				tokio::time::sleep(std::time::Duration::from_millis(5)).await;
			}
			store.record_sent(1, &report(&["a", "b"]), &[1]).await.unwrap();
			assert_eq!(store.unreported(10).await.unwrap(), vec![release("c")], "{url}");
			// The limit counts the releases left, not those left out.
			assert_eq!(store.unreported(1).await.unwrap(), vec![release("c")], "{url}");
			// The report can never land: forgotten, its releases are to be reported again.
			store.forget_sent(1).await.unwrap();
			let ids: Vec<String> =
				store.unreported(10).await.unwrap().into_iter().map(|r| r.id).collect();
			assert_eq!(ids, vec!["a", "b", "c"], "{url}");
		}
	}

	#[tokio::test]
	async fn a_final_report_is_marked_and_forgotten_together() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			store.add_release(&release("a")).await.unwrap();
			store.add_release(&release("b")).await.unwrap();
			store.record_sent(7, &report(&["a"]), &[7]).await.unwrap();
			store.record_sent(8, &report(&["b"]), &[8]).await.unwrap();
			store.mark_reported_and_forget(&["a".into()], 7).await.unwrap();
			assert_eq!(store.sent_nonces().await.unwrap(), vec![8], "{url}");
			assert!(store.unreported(10).await.unwrap().is_empty(), "{url}: b is on its way");
			store.forget_sent(8).await.unwrap();
			assert_eq!(store.unreported(10).await.unwrap(), vec![release("b")], "{url}");
			// Settled twice (its sender and a settling pass): the second changes nothing.
			store.mark_reported_and_forget(&["a".into()], 7).await.unwrap();
			assert_eq!(store.unreported(10).await.unwrap(), vec![release("b")], "{url}");
		}
	}
}
