//! What the gateway keeps: encrypted records, uploads waiting for the chain, uploads the chain
//! refused (quarantined, with its reason), releases waiting to be reported, and the transactions
//! it sent whose fate is not settled yet (see `sent`). SQLite (a file, the default) or
//! PostgreSQL (a URL), through sqlx's `Any` driver and SQL both understand. Binary values are
//! stored as hex text so the schema is the same on both.
//!
//! One-time challenges are not here: they live in the gateway's memory (see `auth`).

use medledger_client::types::LabelSet;
use sqlx::{any::AnyPoolOptions, AnyPool, Row};
use std::collections::HashSet;

/// A record as stored: everything needed to release it, nothing readable without the master key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRecord {
	pub record: u64,
	pub patient: String,
	pub category: String,
	pub resource_type: String,
	pub content_hash: [u8; 32],
	/// The record's key, wrapped by the master key and bound to `record`.
	pub wrapped_key: Vec<u8>,
	pub ciphertext: Vec<u8>,
}

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

/// A release to report on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
	pub id: String,
	pub record: u64,
	pub requester: String,
	pub grant: Option<u64>,
	pub purpose: String,
	/// The finalized block whose state allowed the release (the best block allowed it too).
	pub decided_at: u32,
}

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

#[derive(Debug, thiserror::Error)]
#[error("database: {0}")]
pub struct StoreError(String);

impl From<sqlx::Error> for StoreError {
	fn from(e: sqlx::Error) -> Self {
		StoreError(e.to_string())
	}
}

#[derive(Clone)]
pub struct Store {
	pool: AnyPool,
}

/// The schema, as steps applied in order, each once, numbered in `schema_migrations`. A step
/// that has shipped is never edited: a change is a new step at the end.
const MIGRATIONS: &[&[&str]] = &[
	// 1: records, uploads waiting for the chain, challenges, releases to report. (`IF NOT
	// EXISTS`: databases from before the steps were numbered had these already.)
	&[
		"CREATE TABLE IF NOT EXISTS records (
			record BIGINT PRIMARY KEY,
			patient TEXT NOT NULL,
			category TEXT NOT NULL,
			resource_type TEXT NOT NULL,
			content_hash TEXT NOT NULL,
			wrapped_key TEXT NOT NULL,
			ciphertext TEXT NOT NULL,
			created_at BIGINT NOT NULL
		)",
		"CREATE TABLE IF NOT EXISTS uploads (
			content_hash TEXT PRIMARY KEY,
			patient TEXT NOT NULL,
			category TEXT NOT NULL,
			resource_type TEXT NOT NULL,
			wrapped_key TEXT NOT NULL,
			ciphertext TEXT NOT NULL,
			sealed_metadata TEXT NOT NULL,
			created_at BIGINT NOT NULL
		)",
		"CREATE TABLE IF NOT EXISTS challenges (
			challenge TEXT PRIMARY KEY,
			account TEXT NOT NULL,
			expires_at BIGINT NOT NULL
		)",
		"CREATE TABLE IF NOT EXISTS releases (
			id TEXT PRIMARY KEY,
			record BIGINT NOT NULL,
			requester TEXT NOT NULL,
			grant_id BIGINT,
			purpose TEXT NOT NULL,
			released_at BIGINT NOT NULL,
			reported INTEGER NOT NULL
		)",
	],
	// 2: challenges move to memory; uploads the chain refused are quarantined with its reason;
	// an upload keeps its sensitivity labels; a release keeps the finalized block it was
	// decided on.
	&[
		"DROP TABLE IF EXISTS challenges",
		"CREATE TABLE IF NOT EXISTS quarantined_uploads (
			content_hash TEXT PRIMARY KEY,
			patient TEXT NOT NULL,
			category TEXT NOT NULL,
			resource_type TEXT NOT NULL,
			wrapped_key TEXT NOT NULL,
			ciphertext TEXT NOT NULL,
			sealed_metadata TEXT NOT NULL,
			created_at BIGINT NOT NULL,
			labels BIGINT NOT NULL,
			reason TEXT NOT NULL,
			quarantined_at BIGINT NOT NULL
		)",
		"ALTER TABLE uploads ADD COLUMN labels BIGINT NOT NULL DEFAULT 0",
		"ALTER TABLE releases ADD COLUMN decided_at BIGINT NOT NULL DEFAULT 0",
	],
	// 3: every transaction the gateway signs is recorded (nonce, effect, exact bytes) before it
	// is sent, and kept until its fate is settled: exactly once across stops (see `sent`).
	&["CREATE TABLE sent_transactions (
			nonce BIGINT PRIMARY KEY,
			kind TEXT NOT NULL CHECK (kind IN ('report', 'register')),
			subject TEXT NOT NULL,
			extrinsic TEXT NOT NULL,
			sent_at BIGINT NOT NULL
		)"],
];

fn now_ms() -> i64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_millis() as i64)
		.unwrap_or_default()
}

fn unhex(text: &str) -> Result<Vec<u8>, StoreError> {
	hex::decode(text).map_err(|e| StoreError(format!("stored hex is damaged: {e}")))
}

fn hash32(text: &str) -> Result<[u8; 32], StoreError> {
	unhex(text)?.try_into().map_err(|_| StoreError("a stored hash is not 32 bytes".into()))
}

/// `url`, with SQLite told to create the file if it is missing.
fn creating(url: &str) -> String {
	if url.starts_with("sqlite:") && !url.contains("mode=") {
		format!("{url}{}mode=rwc", if url.contains('?') { "&" } else { "?" })
	} else {
		url.to_string()
	}
}

/// Apply the steps of [`MIGRATIONS`] the database has not had yet, each in a transaction.
async fn migrate(pool: &AnyPool) -> Result<(), StoreError> {
	sqlx::query(
		"CREATE TABLE IF NOT EXISTS schema_migrations (
			version BIGINT PRIMARY KEY,
			applied_at BIGINT NOT NULL
		)",
	)
	.execute(pool)
	.await?;
	let applied: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
		.fetch_one(pool)
		.await?
		.try_get(0)?;
	let known = MIGRATIONS.len() as i64;
	if applied > known {
		return Err(StoreError(format!(
			"the database is at schema {applied} and this gateway knows up to {known}: run the \
			 newer gateway that migrated it"
		)));
	}
	for (index, step) in MIGRATIONS.iter().enumerate() {
		let version = index as i64 + 1;
		if version <= applied {
			continue;
		}
		let mut tx = pool.begin().await?;
		for statement in step.iter().copied() {
			sqlx::query(statement).execute(&mut *tx).await?;
		}
		sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
			.bind(version)
			.bind(now_ms())
			.execute(&mut *tx)
			.await?;
		tx.commit().await?;
	}
	Ok(())
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

impl Store {
	/// Open (creating if needed) the database at `url`: `sqlite://path/to/file.db` or
	/// `postgres://user@host/db`.
	pub async fn open(url: &str) -> Result<Self, StoreError> {
		sqlx::any::install_default_drivers();
		let url = creating(url);
		let pool = AnyPoolOptions::new().max_connections(4).connect(&url).await?;
		if url.starts_with("sqlite:") {
			// Durable on commit, and readers do not block the writer.
			sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
			sqlx::query("PRAGMA synchronous = FULL").execute(&pool).await?;
		}
		migrate(&pool).await?;
		Ok(Self { pool })
	}

	/// Whether the database holds any record or upload: then a new master key would be one
	/// under which they cannot be read.
	pub async fn holds_records(&self) -> Result<bool, StoreError> {
		for table in ["records", "uploads", "quarantined_uploads"] {
			let count: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {table}"))
				.fetch_one(&self.pool)
				.await?
				.try_get(0)?;
			if count > 0 {
				return Ok(true);
			}
		}
		Ok(false)
	}

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
		if filed.rows_affected() != 1 {
			return Err(StoreError(format!(
				"no upload waits with content hash {}",
				hex::encode(content_hash)
			)));
		}
		sqlx::query("DELETE FROM uploads WHERE content_hash = $1")
			.bind(hex::encode(content_hash))
			.execute(&mut *tx)
			.await?;
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
		if moved.rows_affected() != 1 {
			return Err(StoreError(format!(
				"no upload waits with content hash {}",
				hex::encode(content_hash)
			)));
		}
		sqlx::query("DELETE FROM uploads WHERE content_hash = $1")
			.bind(hex::encode(content_hash))
			.execute(&mut *tx)
			.await?;
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

	pub async fn record(&self, record: u64) -> Result<Option<StoredRecord>, StoreError> {
		let row = sqlx::query(
			"SELECT record, patient, category, resource_type, content_hash, wrapped_key, ciphertext
			 FROM records WHERE record = $1",
		)
		.bind(record as i64)
		.fetch_optional(&self.pool)
		.await?;
		row.map(|row| {
			Ok(StoredRecord {
				record: row.try_get::<i64, _>(0)? as u64,
				patient: row.try_get(1)?,
				category: row.try_get(2)?,
				resource_type: row.try_get(3)?,
				content_hash: hash32(&row.try_get::<String, _>(4)?)?,
				wrapped_key: unhex(&row.try_get::<String, _>(5)?)?,
				ciphertext: unhex(&row.try_get::<String, _>(6)?)?,
			})
		})
		.transpose()
	}

	/// Note a release before the record leaves, so that a crash cannot lose it.
	pub async fn add_release(&self, release: &Release) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO releases (id, record, requester, grant_id, purpose, released_at, reported, decided_at)
			 VALUES ($1, $2, $3, $4, $5, $6, 0, $7)",
		)
		.bind(&release.id)
		.bind(release.record as i64)
		.bind(&release.requester)
		.bind(release.grant.map(|g| g as i64))
		.bind(&release.purpose)
		.bind(now_ms())
		.bind(i64::from(release.decided_at))
		.execute(&self.pool)
		.await?;
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
async fn forget_in(
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

	/// A fresh, empty database on each backend: a SQLite file, and a new PostgreSQL database
	/// when `MEDLEDGER_TEST_POSTGRES_URL` names a server (`scripts/test.sh` starts one).
	async fn backends() -> Vec<(String, tempfile::TempDir)> {
		let dir = tempfile::tempdir().unwrap();
		let mut urls = vec![(format!("sqlite://{}", dir.path().join("gateway.db").display()), dir)];
		match std::env::var("MEDLEDGER_TEST_POSTGRES_URL") {
			Ok(admin) => {
				sqlx::any::install_default_drivers();
				let name = format!("gateway_test_{}", hex::encode(rand::random::<[u8; 6]>()));
				let pool = AnyPoolOptions::new().max_connections(1).connect(&admin).await.unwrap();
				sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
				let base = admin.rsplit_once('/').map_or(admin.as_str(), |(base, _)| base);
				urls.push((format!("{base}/{name}"), tempfile::tempdir().unwrap()));
			},
			Err(_) => {
				assert!(
					std::env::var_os("MEDLEDGER_REQUIRE_POSTGRES").is_none(),
					"MEDLEDGER_REQUIRE_POSTGRES is set but MEDLEDGER_TEST_POSTGRES_URL is not"
				);
				eprintln!(
					"store tests: SQLite only (set MEDLEDGER_TEST_POSTGRES_URL for PostgreSQL)"
				);
			},
		}
		urls
	}

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
	async fn releases_wait_until_reported_and_survive_a_restart() {
		for (url, _dir) in backends().await {
			let release = |id: &str, grant| Release {
				id: id.into(),
				record: 1,
				requester: "5Bob".into(),
				grant,
				purpose: "Treatment".into(),
				decided_at: 41,
			};
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

	fn release(id: &str) -> Release {
		Release {
			id: id.into(),
			record: 1,
			requester: "5Bob".into(),
			grant: None,
			purpose: "Treatment".into(),
			decided_at: 41,
		}
	}

	fn report(ids: &[&str]) -> Effect {
		Effect::Report(ids.iter().map(|id| id.to_string()).collect())
	}

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

	#[tokio::test]
	async fn a_database_from_before_the_numbered_steps_is_carried_over_once() {
		for (url, _dir) in backends().await {
			// The schema as it was: the challenges table, releases without their block.
			{
				sqlx::any::install_default_drivers();
				let pool = AnyPoolOptions::new()
					.max_connections(1)
					.connect(&creating(&url))
					.await
					.unwrap();
				for statement in MIGRATIONS[0].iter().copied() {
					sqlx::query(statement).execute(&pool).await.unwrap();
				}
				sqlx::query(
					"INSERT INTO releases (id, record, requester, grant_id, purpose, released_at, reported)
					 VALUES ('old', 1, '5Bob', NULL, 'Treatment', 0, 0)",
				)
				.execute(&pool)
				.await
				.unwrap();
				pool.close().await;
			}
			let store = Store::open(&url).await.unwrap();
			let gone = sqlx::query("SELECT COUNT(*) FROM challenges").fetch_one(&store.pool).await;
			assert!(gone.is_err(), "{url}: the challenges table is dropped");
			let old = store.unreported(10).await.unwrap();
			assert_eq!((old.len(), old[0].decided_at), (1, 0), "{url}");
			// Opening again applies nothing twice.
			drop(store);
			let store = Store::open(&url).await.unwrap();
			let steps: i64 = sqlx::query("SELECT COUNT(*) FROM schema_migrations")
				.fetch_one(&store.pool)
				.await
				.unwrap()
				.try_get(0)
				.unwrap();
			assert_eq!(steps, MIGRATIONS.len() as i64, "{url}");
		}
	}
}
