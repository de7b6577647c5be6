//! What the gateway keeps: encrypted records, uploads waiting for the chain, one-time
//! challenges, and releases waiting to be reported. SQLite (a file, the default) or PostgreSQL
//! (a URL), through sqlx's `Any` driver and SQL both understand. Binary values are stored as hex
//! text so the schema is the same on both.

use sqlx::{any::AnyPoolOptions, AnyPool, Row};

/// A record as stored: everything needed to release it, nothing readable without the master key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRecord {
	pub record: u64,
	pub patient: String,
	pub category: String,
	pub resource_type: String,
	pub content_hash: [u8; 32],
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
	pub wrapped_key: Vec<u8>,
	pub ciphertext: Vec<u8>,
	pub sealed_metadata: Vec<u8>,
}

/// A release to report on chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Release {
	pub id: String,
	pub record: u64,
	pub requester: String,
	pub grant: Option<u64>,
	pub purpose: String,
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

const SCHEMA: [&str; 4] = [
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

impl Store {
	/// Open (creating if needed) the database at `url`: `sqlite://path/to/file.db` or
	/// `postgres://user@host/db`.
	pub async fn open(url: &str) -> Result<Self, StoreError> {
		sqlx::any::install_default_drivers();
		let url = if url.starts_with("sqlite:") && !url.contains("mode=") {
			format!("{url}{}mode=rwc", if url.contains('?') { "&" } else { "?" })
		} else {
			url.to_string()
		};
		let pool = AnyPoolOptions::new().max_connections(4).connect(&url).await?;
		if url.starts_with("sqlite:") {
			// Durable on commit, and readers do not block the writer.
			sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
			sqlx::query("PRAGMA synchronous = FULL").execute(&pool).await?;
		}
		for statement in SCHEMA {
			sqlx::query(statement).execute(&pool).await?;
		}
		Ok(Self { pool })
	}

	/// Keep an upload until its document set is on chain.
	pub async fn add_upload(&self, upload: &PendingUpload) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO uploads (content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata, created_at)
			 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
		)
		.bind(hex::encode(upload.content_hash))
		.bind(&upload.patient)
		.bind(&upload.category)
		.bind(&upload.resource_type)
		.bind(hex::encode(&upload.wrapped_key))
		.bind(hex::encode(&upload.ciphertext))
		.bind(hex::encode(&upload.sealed_metadata))
		.bind(now_ms())
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// Uploads not yet on chain, oldest first.
	pub async fn pending_uploads(&self) -> Result<Vec<PendingUpload>, StoreError> {
		let rows = sqlx::query(
			"SELECT content_hash, patient, category, resource_type, wrapped_key, ciphertext, sealed_metadata
			 FROM uploads ORDER BY created_at",
		)
		.fetch_all(&self.pool)
		.await?;
		rows.iter()
			.map(|row| {
				Ok(PendingUpload {
					content_hash: hash32(&row.try_get::<String, _>(0)?)?,
					patient: row.try_get(1)?,
					category: row.try_get(2)?,
					resource_type: row.try_get(3)?,
					wrapped_key: unhex(&row.try_get::<String, _>(4)?)?,
					ciphertext: unhex(&row.try_get::<String, _>(5)?)?,
					sealed_metadata: unhex(&row.try_get::<String, _>(6)?)?,
				})
			})
			.collect()
	}

	/// The upload's document set is on chain as `record`: it becomes a record, in one
	/// transaction.
	pub async fn complete_upload(
		&self,
		content_hash: &[u8; 32],
		record: u64,
	) -> Result<(), StoreError> {
		let mut tx = self.pool.begin().await?;
		sqlx::query(
			"INSERT INTO records (record, patient, category, resource_type, content_hash, wrapped_key, ciphertext, created_at)
			 SELECT $1, patient, category, resource_type, content_hash, wrapped_key, ciphertext, created_at
			 FROM uploads WHERE content_hash = $2",
		)
		.bind(record as i64)
		.bind(hex::encode(content_hash))
		.execute(&mut *tx)
		.await?;
		sqlx::query("DELETE FROM uploads WHERE content_hash = $1")
			.bind(hex::encode(content_hash))
			.execute(&mut *tx)
			.await?;
		tx.commit().await?;
		Ok(())
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

	/// Issue a one-time challenge to `account`, good until `expires_at_ms`.
	pub async fn add_challenge(
		&self,
		challenge: &str,
		account: &str,
		expires_at_ms: i64,
	) -> Result<(), StoreError> {
		sqlx::query("DELETE FROM challenges WHERE expires_at < $1")
			.bind(now_ms())
			.execute(&self.pool)
			.await?;
		sqlx::query("INSERT INTO challenges (challenge, account, expires_at) VALUES ($1, $2, $3)")
			.bind(challenge)
			.bind(account)
			.bind(expires_at_ms)
			.execute(&self.pool)
			.await?;
		Ok(())
	}

	/// Use up `challenge` for `account`: true once, if it was issued to that account and has
	/// not expired; false ever after.
	pub async fn take_challenge(&self, challenge: &str, account: &str) -> Result<bool, StoreError> {
		let done = sqlx::query(
			"DELETE FROM challenges WHERE challenge = $1 AND account = $2 AND expires_at >= $3",
		)
		.bind(challenge)
		.bind(account)
		.bind(now_ms())
		.execute(&self.pool)
		.await?;
		Ok(done.rows_affected() == 1)
	}

	/// Note a release before the record leaves, so that a crash cannot lose it.
	pub async fn add_release(&self, release: &Release) -> Result<(), StoreError> {
		sqlx::query(
			"INSERT INTO releases (id, record, requester, grant_id, purpose, released_at, reported)
			 VALUES ($1, $2, $3, $4, $5, $6, 0)",
		)
		.bind(&release.id)
		.bind(release.record as i64)
		.bind(&release.requester)
		.bind(release.grant.map(|g| g as i64))
		.bind(&release.purpose)
		.bind(now_ms())
		.execute(&self.pool)
		.await?;
		Ok(())
	}

	/// Up to `limit` releases not yet reported, oldest first.
	pub async fn unreported(&self, limit: u32) -> Result<Vec<Release>, StoreError> {
		let rows = sqlx::query(
			"SELECT id, record, requester, grant_id, purpose FROM releases
			 WHERE reported = 0 ORDER BY released_at, id LIMIT $1",
		)
		.bind(i64::from(limit))
		.fetch_all(&self.pool)
		.await?;
		rows.iter()
			.map(|row| {
				Ok(Release {
					id: row.try_get(0)?,
					record: row.try_get::<i64, _>(1)? as u64,
					requester: row.try_get(2)?,
					grant: row.try_get::<Option<i64>, _>(3)?.map(|g| g as u64),
					purpose: row.try_get(4)?,
				})
			})
			.collect()
	}

	pub async fn mark_reported(&self, ids: &[String]) -> Result<(), StoreError> {
		let mut tx = self.pool.begin().await?;
		for id in ids {
			sqlx::query("UPDATE releases SET reported = 1 WHERE id = $1")
				.bind(id)
				.execute(&mut *tx)
				.await?;
		}
		tx.commit().await?;
		Ok(())
	}
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

	#[tokio::test]
	async fn an_upload_becomes_a_record_once_on_chain() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			let upload = PendingUpload {
				content_hash: [7; 32],
				patient: "5Zoe".into(),
				category: "lab-results".into(),
				resource_type: "Observation".into(),
				wrapped_key: vec![1, 2, 3],
				ciphertext: vec![4, 5, 6],
				sealed_metadata: vec![8],
			};
			store.add_upload(&upload).await.unwrap();
			assert_eq!(store.pending_uploads().await.unwrap(), vec![upload.clone()], "{url}");
			assert_eq!(store.record(3).await.unwrap(), None);
			store.complete_upload(&[7; 32], 3).await.unwrap();
			assert!(store.pending_uploads().await.unwrap().is_empty());
			let record = store.record(3).await.unwrap().unwrap();
			assert_eq!((record.content_hash, record.ciphertext), ([7; 32], vec![4, 5, 6]), "{url}");
		}
	}

	#[tokio::test]
	async fn a_challenge_works_once_and_only_for_its_account() {
		for (url, _dir) in backends().await {
			let store = Store::open(&url).await.unwrap();
			let later = now_ms() + 60_000;
			store.add_challenge("c1", "5Bob", later).await.unwrap();
			assert!(!store.take_challenge("c1", "5Eve").await.unwrap(), "{url}");
			assert!(store.take_challenge("c1", "5Bob").await.unwrap(), "{url}");
			assert!(!store.take_challenge("c1", "5Bob").await.unwrap(), "{url}");
			store.add_challenge("old", "5Bob", now_ms() - 1).await.unwrap();
			assert!(!store.take_challenge("old", "5Bob").await.unwrap(), "{url}");
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
			};
			{
				let store = Store::open(&url).await.unwrap();
				store.add_release(&release("a", Some(4))).await.unwrap();
				store.add_release(&release("b", None)).await.unwrap();
			}
			let store = Store::open(&url).await.unwrap();
			assert_eq!(store.unreported(10).await.unwrap().len(), 2, "{url}");
			store.mark_reported(&["a".into()]).await.unwrap();
			assert_eq!(store.unreported(10).await.unwrap(), vec![release("b", None)], "{url}");
		}
	}
}
