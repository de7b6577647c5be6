//! What the gateway keeps: encrypted records, uploads waiting for the chain, uploads the chain
//! refused (quarantined, with its reason), releases waiting to be reported, and the transactions
//! it sent whose fate is not settled yet (see `sent`). SQLite (a file, the default) or
//! PostgreSQL (a URL), through sqlx's `Any` driver and SQL both understand. Binary values are
//! stored as hex text so the schema is the same on both.
//!
//! One-time challenges and request ids are not here: they live in the gateway's memory (see
//! `auth`). Records read lately are kept in memory too: a stored record never changes.

mod releases;
mod sent;
mod uploads;

pub use releases::{Release, MAX_RELEASES_NOTED_AT_ONCE};
pub use sent::{Effect, SentTransaction};
pub use uploads::{PendingUpload, QuarantinedUpload};

use sqlx::{any::AnyPoolOptions, AnyPool, Row};
use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
};

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
	/// Records read lately. A stored record is never changed or removed, so a copy in memory is
	/// never stale; only records found are kept (one missing may be stored a moment later).
	records: Arc<Mutex<RecordCache>>,
}

/// Records in memory, up to [`RECORD_CACHE_BYTES`] of ciphertext; emptied when full, so that
/// it keeps what is read now.
#[derive(Default)]
struct RecordCache {
	records: HashMap<u64, StoredRecord>,
	bytes: usize,
}

/// The most ciphertext the record cache holds.
const RECORD_CACHE_BYTES: usize = 64 * 1024 * 1024;

impl RecordCache {
	fn keep(&mut self, record: &StoredRecord) {
		let size = record.ciphertext.len() + record.wrapped_key.len();
		if self.bytes + size > RECORD_CACHE_BYTES {
			self.records.clear();
			self.bytes = 0;
		}
		if size <= RECORD_CACHE_BYTES
			&& self.records.insert(record.record, record.clone()).is_none()
		{
			self.bytes += size;
		}
	}
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
		Ok(Self { pool, records: Default::default() })
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

	pub async fn record(&self, record: u64) -> Result<Option<StoredRecord>, StoreError> {
		if let Some(kept) = self.records.lock().ok().and_then(|c| c.records.get(&record).cloned()) {
			return Ok(Some(kept));
		}
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
		.inspect(|found| {
			if let (Some(found), Ok(mut cache)) = (found, self.records.lock()) {
				cache.keep(found);
			}
		})
	}
}

/// What the tests of more than one part share.
#[cfg(test)]
pub(crate) mod testing {
	use super::{Effect, Release};

	/// A release of record 1 to Bob for treatment, with no grant, decided at block 41.
	pub(crate) fn release(id: &str) -> Release {
		Release {
			id: id.into(),
			record: 1,
			requester: "5Bob".into(),
			grant: None,
			purpose: "treatment".into(),
			decided_at: 41,
		}
	}
	use sqlx::any::AnyPoolOptions;

	/// A fresh, empty database on each backend: a SQLite file, and a new PostgreSQL database
	/// when `MEDLEDGER_TEST_POSTGRES_URL` names a server (`scripts/test.sh` starts one).
	pub(crate) async fn backends() -> Vec<(String, tempfile::TempDir)> {
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

	pub(super) fn report(ids: &[&str]) -> Effect {
		Effect::Report(ids.iter().map(|id| id.to_string()).collect())
	}
}

#[cfg(test)]
mod tests {
	use super::{testing::backends, *};

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
