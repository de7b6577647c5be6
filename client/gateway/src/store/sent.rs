//! The transactions the gateway signed and recorded before sending them, kept until their fate
//! is settled (see the crate's `sent` and `nonce`).

use super::{hash32, now_ms, unhex, Store, StoreError};
use sqlx::Row;

/// What a transaction of the gateway does on chain: what is owed in the database once it is
/// final.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
	/// `records.report_disclosures` of these releases (their ids): once final, they are reported.
	Report(Vec<String>),
	/// `records.register_document_set` for the upload with this content hash: once final, the
	/// upload is filed as the record.
	Register([u8; 32]),
}

impl Effect {
	/// Its `kind` and `subject` in `sent_transactions`: `report` and the release ids as a JSON
	/// array, or `register` and the upload's content hash in hex.
	fn columns(&self) -> Result<(&'static str, String), StoreError> {
		match self {
			Effect::Report(releases) => Ok((
				"report",
				serde_json::to_string(releases).map_err(|e| StoreError(e.to_string()))?,
			)),
			Effect::Register(content_hash) => Ok(("register", hex::encode(content_hash))),
		}
	}

	/// The effect of a row of `sent_transactions`.
	fn from_columns(kind: &str, subject: &str) -> Result<Self, StoreError> {
		match kind {
			"report" => serde_json::from_str(subject)
				.map(Effect::Report)
				.map_err(|e| StoreError(format!("a stored report's releases are damaged: {e}"))),
			"register" => Ok(Effect::Register(hash32(subject)?)),
			other => Err(StoreError(format!("a sent transaction of unknown kind '{other}'"))),
		}
	}
}

/// A transaction the gateway signed and recorded before sending it, kept until its fate is
/// settled: its effect applied once final (in the database transaction that forgets it), or
/// forgotten when it can never land.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentTransaction {
	/// Its nonce, which no other transaction of the gateway ever takes (see `nonce`).
	pub nonce: u64,
	/// What it does on chain: what is applied once it is final.
	pub effect: Effect,
	/// The signed transaction, byte for byte: what is sent again, never signed anew.
	pub extrinsic: Vec<u8>,
	/// When it was recorded, in milliseconds since the Unix epoch.
	pub sent_at: u64,
}

impl Store {
	/// Record a transaction before it is sent: its nonce, its effect and its signed bytes. A
	/// nonce recorded already is refused: it belongs to another transaction.
	pub async fn record_sent(
		&self,
		nonce: u64,
		effect: &Effect,
		extrinsic: &[u8],
	) -> Result<(), StoreError> {
		let (kind, subject) = effect.columns()?;
		sqlx::query(
			"INSERT INTO sent_transactions (nonce, kind, subject, extrinsic, sent_at)
			 VALUES ($1, $2, $3, $4, $5)",
		)
		.bind(nonce as i64)
		.bind(kind)
		.bind(subject)
		.bind(hex::encode(extrinsic))
		.bind(now_ms())
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// The sent transactions not yet settled, by nonce.
	pub async fn sent(&self) -> Result<Vec<SentTransaction>, StoreError> {
		let rows = sqlx::query(
			"SELECT nonce, kind, subject, extrinsic, sent_at FROM sent_transactions ORDER BY nonce",
		)
		.fetch_all(&self.pool)
		.await?;
		rows.iter()
			.map(|row| {
				Ok(SentTransaction {
					nonce: row.try_get::<i64, _>(0)? as u64,
					effect: Effect::from_columns(
						&row.try_get::<String, _>(1)?,
						&row.try_get::<String, _>(2)?,
					)?,
					extrinsic: unhex(&row.try_get::<String, _>(3)?)?,
					sent_at: row.try_get::<i64, _>(4)? as u64,
				})
			})
			.collect()
	}

	/// The nonces of the sent transactions not yet settled: never handed out again.
	pub async fn sent_nonces(&self) -> Result<Vec<u64>, StoreError> {
		let rows = sqlx::query("SELECT nonce FROM sent_transactions ORDER BY nonce")
			.fetch_all(&self.pool)
			.await?;
		rows.iter().map(|row| Ok(row.try_get::<i64, _>(0)? as u64)).collect()
	}

	/// Whether a sent transaction not yet settled has `effect`: then it is not sent again.
	pub async fn is_sent(&self, effect: &Effect) -> Result<bool, StoreError> {
		let (kind, subject) = effect.columns()?;
		let count: i64 =
			sqlx::query("SELECT COUNT(*) FROM sent_transactions WHERE kind = $1 AND subject = $2")
				.bind(kind)
				.bind(subject)
				.fetch_one(&self.pool)
				.await?
				.try_get(0)?;
		Ok(count > 0)
	}

	/// Forget the sent transaction `nonce`: it can never land (the pool refused its bytes, or
	/// they expired), or it failed, or it is final with nothing left to apply.
	pub async fn forget_sent(&self, nonce: u64) -> Result<(), StoreError> {
		let mut tx = self.pool.begin().await?;
		forget_in(&mut tx, nonce).await?;
		tx.commit().await?;
		Ok(())
	}
}

/// Forget the sent transaction `nonce` within `tx` (nothing if it is forgotten already).
pub(super) async fn forget_in(
	tx: &mut sqlx::Transaction<'_, sqlx::Any>,
	nonce: u64,
) -> Result<(), StoreError> {
	sqlx::query("DELETE FROM sent_transactions WHERE nonce = $1")
		.bind(nonce as i64)
		.execute(&mut **tx)
		.await?;
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::store::testing::{backends, report};

	#[tokio::test]
	async fn sent_transactions_are_kept_in_nonce_order_until_forgotten() {
		for (url, _dir) in backends().await {
			{
				let store = Store::open(&url).await.unwrap();
				store.record_sent(9, &report(&["a", "b"]), &[9, 9]).await.unwrap();
				store.record_sent(3, &Effect::Register([7; 32]), &[3]).await.unwrap();
				store.record_sent(5, &report(&["c"]), &[5, 0, 5]).await.unwrap();
			}
			// Kept across a restart, by nonce, each with its effect and its bytes as signed.
			let store = Store::open(&url).await.unwrap();
			let sent = store.sent().await.unwrap();
			let rows: Vec<(u64, Effect, Vec<u8>)> =
				sent.iter().map(|s| (s.nonce, s.effect.clone(), s.extrinsic.clone())).collect();
			assert_eq!(
				rows,
				vec![
					(3, Effect::Register([7; 32]), vec![3]),
					(5, report(&["c"]), vec![5, 0, 5]),
					(9, report(&["a", "b"]), vec![9, 9]),
				],
				"{url}"
			);
			assert!(sent.iter().all(|s| s.sent_at > 0), "{url}");
			assert_eq!(store.sent_nonces().await.unwrap(), vec![3, 5, 9], "{url}");
			assert!(store.is_sent(&Effect::Register([7; 32])).await.unwrap(), "{url}");
			assert!(!store.is_sent(&Effect::Register([8; 32])).await.unwrap(), "{url}");
			store.forget_sent(5).await.unwrap();
			store.forget_sent(5).await.unwrap();
			assert_eq!(store.sent_nonces().await.unwrap(), vec![3, 9], "{url}");
		}
	}

	#[tokio::test]
	async fn a_recorded_nonce_belongs_to_one_transaction() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			store.record_sent(4, &report(&["a"]), &[1]).await.unwrap();
			assert!(store.record_sent(4, &report(&["b"]), &[2]).await.is_err(), "{url}");
			assert_eq!(store.sent().await.unwrap()[0].extrinsic, vec![1], "{url}");
		}
	}
}
