//! Uploads waiting for the chain, and those it refused (quarantined), until each is filed as a
//! record.

use super::{hash32, now_ms, sent::forget_in, unhex, Store, StoreError};
use medledger_client::types::LabelSet;
use sqlx::Row;

/// An upload whose document set is not yet registered on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingUpload {
	pub content_hash: [u8; 32],
	pub patient: String,
	pub category: String,
	pub resource_type: String,
	/// The record's key, wrapped by the master key and bound to `content_hash`.
	pub wrapped_key: Vec<u8>,
	pub ciphertext: Vec<u8>,
	pub sealed_metadata: Vec<u8>,
	/// Its sensitivity labels, registered with its document set.
	pub labels: LabelSet,
}

/// An upload the chain refused, kept with the chain's reason for the clinic's staff to look
/// into; it is not retried unless they requeue it ([`Store::requeue_upload`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuarantinedUpload {
	pub upload: PendingUpload,
	pub reason: String,
	/// When it was quarantined, in milliseconds since the Unix epoch.
	pub quarantined_at: u64,
}

fn pending_from(row: &sqlx::any::AnyRow) -> Result<PendingUpload, StoreError> {
	Ok(PendingUpload {
		content_hash: hash32(&row.try_get::<String, _>(0)?)?,
		patient: row.try_get(1)?,
		category: row.try_get(2)?,
		resource_type: row.try_get(3)?,
		wrapped_key: unhex(&row.try_get::<String, _>(4)?)?,
		ciphertext: unhex(&row.try_get::<String, _>(5)?)?,
		sealed_metadata: unhex(&row.try_get::<String, _>(6)?)?,
		labels: LabelSet(
			u16::try_from(row.try_get::<i64, _>(7)?)
				.map_err(|_| StoreError("stored labels are not a label set".into()))?,
		),
	})
}

impl Store {
	/// Keep an upload until its document set is on chain.
	pub async fn add_upload(&self, upload: &PendingUpload) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO uploads (content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, created_at, labels)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
		)
		.bind(hex::encode(upload.content_hash))
		.bind(&upload.patient)
		.bind(&upload.category)
		.bind(&upload.resource_type)
		.bind(hex::encode(&upload.wrapped_key))
		.bind(hex::encode(&upload.ciphertext))
		.bind(hex::encode(&upload.sealed_metadata))
		.bind(now_ms())
		.bind(i64::from(upload.labels.0))
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// Uploads not yet on chain, oldest first.
	pub async fn pending_uploads(&self) -> Result<Vec<PendingUpload>, StoreError> {
		let rows = sqlx::query(
			"SELECT content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, labels
			 FROM uploads ORDER BY created_at",
		)
		.fetch_all(&self.pool)
		.await?;
		rows.iter().map(pending_from).collect()
	}

	/// The upload's document set is on chain as `record`: it becomes a record, its key wrapped
	/// anew for the record (`wrapped_key`), in one transaction.
	pub async fn complete_upload(
		&self,
		content_hash: &[u8; 32],
		record: u64,
		wrapped_key: &[u8],
	) -> Result<(), StoreError> {
		self.file_upload(content_hash, record, wrapped_key, None).await
	}

	/// [`Store::complete_upload`], and forget the sent transaction `nonce` that registered it, in
	/// the same transaction: filed and forgotten together, or neither.
	pub async fn complete_upload_and_forget(
		&self,
		content_hash: &[u8; 32],
		record: u64,
		wrapped_key: &[u8],
		nonce: u64,
	) -> Result<(), StoreError> {
		self.file_upload(content_hash, record, wrapped_key, Some(nonce)).await
	}

	/// File the upload with `content_hash` as `record` and, if it is given, forget the sent
	/// registration `registered_by`, in one transaction.
	async fn file_upload(
		&self,
		content_hash: &[u8; 32],
		record: u64,
		wrapped_key: &[u8],
		registered_by: Option<u64>,
	) -> Result<(), StoreError> {
		let mut tx = self.pool.begin().await?;
		let filed = sqlx::query(
			"INSERT INTO records (record, patient, category, resource_type, content_hash, wrapped_key, ciphertext, created_at)
			 SELECT $1, patient, category, resource_type, content_hash, $3, ciphertext, created_at
			 FROM uploads WHERE content_hash = $2",
		)
		.bind(record as i64)
		.bind(hex::encode(content_hash))
		.bind(hex::encode(wrapped_key))
		.execute(&mut *tx)
		.await?;
		remove_moved_upload(&mut tx, content_hash, filed.rows_affected()).await?;
		if let Some(nonce) = registered_by {
			forget_in(&mut tx, nonce).await?;
		}
		tx.commit().await?;
		Ok(())
	}

	/// The chain refused the upload's document set for `reason`: keep it aside, not retried.
	pub async fn quarantine_upload(
		&self,
		content_hash: &[u8; 32],
		reason: &str,
	) -> Result<(), StoreError> {
		let mut tx = self.pool.begin().await?;
		let moved = sqlx::query(
			"INSERT INTO quarantined_uploads (content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, created_at, labels, reason, quarantined_at)
			 SELECT content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, created_at, labels, $2, $3
			 FROM uploads WHERE content_hash = $1",
		)
		.bind(hex::encode(content_hash))
		.bind(reason)
		.bind(now_ms())
		.execute(&mut *tx)
		.await?;
		remove_moved_upload(&mut tx, content_hash, moved.rows_affected()).await?;
		tx.commit().await?;
		Ok(())
	}

	/// The uploads the chain refused, oldest first, each with the chain's reason.
	pub async fn quarantined_uploads(&self) -> Result<Vec<QuarantinedUpload>, StoreError> {
		let rows = sqlx::query(
			"SELECT content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, labels, reason, quarantined_at
			 FROM quarantined_uploads ORDER BY quarantined_at, content_hash",
		)
		.fetch_all(&self.pool)
		.await?;
		rows.iter()
			.map(|row| {
				Ok(QuarantinedUpload {
					upload: pending_from(row)?,
					reason: row.try_get(8)?,
					quarantined_at: row.try_get::<i64, _>(9)? as u64,
				})
			})
			.collect()
	}

	/// Put the quarantined upload with `content_hash` back among the uploads waiting for the
	/// chain, its cause fixed (the patient registered, say): it leaves quarantine and starts
	/// waiting in one transaction, so that it is never in both, nor in neither. The upload as
	/// it waits again; `None` if none is quarantined with that hash (never was, or requeued
	/// already).
	pub async fn requeue_upload(
		&self,
		content_hash: &[u8; 32],
	) -> Result<Option<PendingUpload>, StoreError> {
		let hash = hex::encode(content_hash);
		let mut tx = self.pool.begin().await?;
		// A write first, so that SQLite takes its write lock before anything is read: two staff
		// requeuing at once go one after the other, and the second finds nothing. (On
		// PostgreSQL the second fails on the waiting upload's key and is asked to try again.)
		let moved = sqlx::query(
			"INSERT INTO uploads (content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, created_at, labels)
			 SELECT content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, created_at, labels
			 FROM quarantined_uploads WHERE content_hash = $1",
		)
		.bind(&hash)
		.execute(&mut *tx)
		.await?;
		if moved.rows_affected() != 1 {
			// Nothing was written: dropping `tx` rolls it back.
			return Ok(None);
		}
		let row = sqlx::query(
			"SELECT content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, labels
			 FROM uploads WHERE content_hash = $1",
		)
		.bind(&hash)
		.fetch_one(&mut *tx)
		.await?;
		let upload = pending_from(&row)?;
		sqlx::query("DELETE FROM quarantined_uploads WHERE content_hash = $1")
			.bind(&hash)
			.execute(&mut *tx)
			.await?;
		tx.commit().await?;
		Ok(Some(upload))
	}
}

/// Removes the waiting upload of `content_hash` within `tx` once its row was copied elsewhere
/// (`copied` rows): refused, and nothing removed, unless exactly one upload was copied.
async fn remove_moved_upload(
	tx: &mut sqlx::Transaction<'_, sqlx::Any>,
	content_hash: &[u8; 32],
	copied: u64,
) -> Result<(), StoreError> {
	if copied != 1 {
		return Err(StoreError(format!(
			"no upload waits with content hash {}",
			hex::encode(content_hash)
		)));
	}
	sqlx::query("DELETE FROM uploads WHERE content_hash = $1")
		.bind(hex::encode(content_hash))
		.execute(&mut **tx)
		.await?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::store::{testing::backends, Effect};

	fn upload(hash: u8) -> PendingUpload {
		PendingUpload {
			content_hash: [hash; 32],
			patient: "5Zoe".into(),
			category: "lab-results".into(),
			resource_type: "Observation".into(),
			wrapped_key: vec![1, 2, 3],
			ciphertext: vec![4, 5, 6],
			sealed_metadata: vec![8],
			labels: LabelSet(0b101),
		}
	}

	#[tokio::test]
	async fn an_upload_becomes_a_record_once_on_chain_under_its_new_wrap() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			assert!(!store.holds_records().await.unwrap(), "{url}");
			store.add_upload(&upload(7)).await.unwrap();
			assert!(store.holds_records().await.unwrap(), "{url}");
			assert_eq!(store.pending_uploads().await.unwrap(), vec![upload(7)], "{url}");
			assert_eq!(store.record(3).await.unwrap(), None);
			store.complete_upload(&[7; 32], 3, &[9, 9]).await.unwrap();
			assert!(store.pending_uploads().await.unwrap().is_empty());
			let record = store.record(3).await.unwrap().unwrap();
			assert_eq!((record.content_hash, record.ciphertext), ([7; 32], vec![4, 5, 6]), "{url}");
			assert_eq!(record.wrapped_key, vec![9, 9], "{url}: filed with the record's wrap");
			// Nothing waits under that hash any more.
			assert!(store.complete_upload(&[7; 32], 4, &[1]).await.is_err(), "{url}");
			assert_eq!(store.record(4).await.unwrap(), None, "{url}");
		}
	}

	#[tokio::test]
	async fn an_upload_the_chain_refused_is_quarantined_with_its_reason() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			store.add_upload(&upload(1)).await.unwrap();
			store.add_upload(&upload(2)).await.unwrap();
			store.quarantine_upload(&[1; 32], "Records::NotPatient").await.unwrap();
			assert_eq!(store.pending_uploads().await.unwrap(), vec![upload(2)], "{url}");
			let quarantined = store.quarantined_uploads().await.unwrap();
			assert_eq!(quarantined.len(), 1, "{url}");
			assert_eq!(quarantined[0].upload, upload(1), "{url}");
			assert_eq!(quarantined[0].reason, "Records::NotPatient", "{url}");
			assert!(quarantined[0].quarantined_at > 0, "{url}");
			assert!(store.quarantine_upload(&[1; 32], "again").await.is_err(), "{url}");
			// Kept across a restart.
			let store = Store::open(&url).await.unwrap();
			assert_eq!(store.quarantined_uploads().await.unwrap().len(), 1, "{url}");
		}
	}

	/// Uploads `hashes`, each quarantined in turn, a few milliseconds apart.
	async fn quarantined(store: &Store, hashes: &[u8]) {
		for hash in hashes {
			store.add_upload(&upload(*hash)).await.unwrap();
			store.quarantine_upload(&[*hash; 32], "Records::NotPatient").await.unwrap();
			tokio::time::sleep(std::time::Duration::from_millis(5)).await;
		}
	}

	#[tokio::test]
	async fn quarantined_uploads_are_listed_in_the_order_they_were_quarantined() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			quarantined(&store, &[3, 1, 2]).await;
			let listed = store.quarantined_uploads().await.unwrap();
			let hashes: Vec<u8> = listed.iter().map(|q| q.upload.content_hash[0]).collect();
			assert_eq!(hashes, vec![3, 1, 2], "{url}: by when, not by hash");
			assert!(listed.windows(2).all(|w| w[0].quarantined_at <= w[1].quarantined_at), "{url}");
		}
	}

	#[tokio::test]
	async fn a_requeued_upload_leaves_quarantine_and_waits_again_alone() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			quarantined(&store, &[1, 2]).await;
			assert_eq!(store.requeue_upload(&[1; 32]).await.unwrap(), Some(upload(1)), "{url}");
			// That one, whole (its labels, wrapped key and ciphertext), and only that one.
			assert_eq!(store.pending_uploads().await.unwrap(), vec![upload(1)], "{url}");
			let left: Vec<[u8; 32]> = store
				.quarantined_uploads()
				.await
				.unwrap()
				.into_iter()
				.map(|q| q.upload.content_hash)
				.collect();
			assert_eq!(left, vec![[2; 32]], "{url}");
			// Refused again, it is quarantined again, with the chain's new reason.
			store.quarantine_upload(&[1; 32], "Records::NotCustodian").await.unwrap();
			let again = store.quarantined_uploads().await.unwrap();
			assert_eq!(again.len(), 2, "{url}");
			assert_eq!(again[1].upload, upload(1), "{url}");
			assert_eq!(again[1].reason, "Records::NotCustodian", "{url}");
		}
	}

	#[tokio::test]
	async fn an_upload_is_requeued_once_and_an_unknown_one_never() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			quarantined(&store, &[1]).await;
			assert!(store.requeue_upload(&[1; 32]).await.unwrap().is_some(), "{url}");
			assert_eq!(store.requeue_upload(&[1; 32]).await.unwrap(), None, "{url}: twice");
			assert_eq!(store.requeue_upload(&[9; 32]).await.unwrap(), None, "{url}: unknown");
			// A waiting upload is not quarantined: nothing to requeue, and it still waits once.
			store.add_upload(&upload(4)).await.unwrap();
			assert_eq!(store.requeue_upload(&[4; 32]).await.unwrap(), None, "{url}");
			assert_eq!(store.pending_uploads().await.unwrap().len(), 2, "{url}");
			assert!(store.quarantined_uploads().await.unwrap().is_empty(), "{url}");
		}
	}

	#[tokio::test]
	async fn a_registered_upload_is_filed_and_its_registration_forgotten_together() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			store.add_upload(&upload(7)).await.unwrap();
			store.record_sent(2, &Effect::Register([7; 32]), &[2]).await.unwrap();
			store.complete_upload_and_forget(&[7; 32], 3, &[9], 2).await.unwrap();
			assert!(store.record(3).await.unwrap().is_some(), "{url}");
			assert!(store.sent().await.unwrap().is_empty(), "{url}");
			// Nothing waits under that hash: nothing is filed, and nothing forgotten either.
			store.record_sent(4, &Effect::Register([7; 32]), &[4]).await.unwrap();
			assert!(store.complete_upload_and_forget(&[7; 32], 5, &[9], 4).await.is_err());
			assert_eq!(store.sent_nonces().await.unwrap(), vec![4], "{url}");
		}
	}
}
