//! A local keystore: one JSON file per identity, holding the recovery phrase encrypted under a
//! passphrase (Argon2id, then XChaCha20-Poly1305), and in the clear only what is public: the
//! account and the encryption public key, so that an identity can be listed without the
//! passphrase.

use crate::{keys::Keys, Error};
use chacha20poly1305::{
	aead::{Aead, KeyInit},
	XChaCha20Poly1305, XNonce,
};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

const FORMAT_VERSION: u32 = 1;

/// Argon2id costs: 64 MiB and 3 passes, OWASP's recommendation for interactive logins.
const MEMORY_KIB: u32 = 64 * 1024;
const PASSES: u32 = 3;

/// The costs a keystore file may declare, checked before anything is derived: a file that asks
/// for absurd memory or passes (damaged, or planted to exhaust the machine) is refused rather
/// than obeyed, and one that asks for too little would be weak.
const MEMORY_KIB_RANGE: std::ops::RangeInclusive<u32> = 8 * 1024..=1024 * 1024;
const PASSES_RANGE: std::ops::RangeInclusive<u32> = 1..=16;

/// What one keystore file holds.
#[derive(Serialize, Deserialize)]
struct Sealed {
	version: u32,
	account: String,
	encryption_public: String,
	salt: String,
	memory_kib: u32,
	passes: u32,
	nonce: String,
	phrase: String,
}

/// An identity in the keystore, as listed without its passphrase.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Identity {
	/// The name it was saved under.
	pub name: String,
	/// Its account, SS58.
	pub account: String,
	/// Its public encryption key, hex.
	pub encryption_public: String,
}

/// A directory of identities.
pub struct Keystore {
	dir: PathBuf,
}

impl Keystore {
	/// The keystore in `dir`, created if missing.
	pub fn open(dir: impl Into<PathBuf>) -> Result<Self, Error> {
		let dir = dir.into();
		std::fs::create_dir_all(&dir)
			.map_err(|e| Error::Keystore(format!("{}: {e}", dir.display())))?;
		Ok(Self { dir })
	}

	fn path(&self, name: &str) -> Result<PathBuf, Error> {
		let valid = !name.is_empty()
			&& name.len() <= 64
			&& name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
		if !valid {
			return Err(Error::Keystore(format!(
				"'{name}' is not a usable name: use 1 to 64 letters, digits, '-' or '_'"
			)));
		}
		Ok(self.dir.join(format!("{name}.json")))
	}

	/// Save `keys` as `name`, encrypted under `passphrase`. Refuses to overwrite.
	pub fn save(&self, name: &str, keys: &Keys, passphrase: &str) -> Result<Identity, Error> {
		let path = self.path(name)?;
		if path.exists() {
			return Err(Error::Keystore(format!(
				"an identity named '{name}' exists already ({}); choose another name",
				path.display()
			)));
		}
		let mut salt = [0u8; 16];
		rand::rngs::OsRng.fill_bytes(&mut salt);
		let mut nonce = [0u8; 24];
		rand::rngs::OsRng.fill_bytes(&mut nonce);
		let key = derive_key(passphrase, &salt, MEMORY_KIB, PASSES)?;
		let cipher = XChaCha20Poly1305::new(key.as_ref().into());
		let ciphertext = cipher
			.encrypt(XNonce::from_slice(&nonce), keys.phrase().as_bytes())
			.map_err(|_| Error::Keystore("encryption failed".into()))?;
		let identity = Identity {
			name: name.to_string(),
			account: keys.account_id().to_string(),
			encryption_public: hex::encode(keys.encryption_public()),
		};
		let sealed = Sealed {
			version: FORMAT_VERSION,
			account: identity.account.clone(),
			encryption_public: identity.encryption_public.clone(),
			salt: hex::encode(salt),
			memory_kib: MEMORY_KIB,
			passes: PASSES,
			nonce: hex::encode(nonce),
			phrase: hex::encode(ciphertext),
		};
		let json =
			serde_json::to_vec_pretty(&sealed).map_err(|e| Error::Keystore(e.to_string()))?;
		write_private(&path, &json)?;
		Ok(identity)
	}

	/// The keys saved as `name`, decrypted with `passphrase`.
	pub fn load(&self, name: &str, passphrase: &str) -> Result<Keys, Error> {
		let sealed = self.read(name)?;
		let salt = hex::decode(&sealed.salt).map_err(|_| corrupt(name))?;
		let nonce = hex::decode(&sealed.nonce).map_err(|_| corrupt(name))?;
		let ciphertext = hex::decode(&sealed.phrase).map_err(|_| corrupt(name))?;
		if nonce.len() != 24 {
			return Err(corrupt(name));
		}
		check_costs(name, sealed.memory_kib, sealed.passes)?;
		let key = derive_key(passphrase, &salt, sealed.memory_kib, sealed.passes)?;
		let cipher = XChaCha20Poly1305::new(key.as_ref().into());
		let phrase = Zeroizing::new(
			cipher
				.decrypt(XNonce::from_slice(&nonce), ciphertext.as_ref())
				.map_err(|_| Error::WrongPassphrase(name.to_string()))?,
		);
		let phrase = std::str::from_utf8(&phrase).map_err(|_| corrupt(name))?;
		let keys = Keys::from_uri(phrase)?;
		if keys.account_id().to_string() != sealed.account {
			return Err(corrupt(name));
		}
		Ok(keys)
	}

	/// Every identity, by name, without decrypting anything.
	pub fn list(&self) -> Result<Vec<Identity>, Error> {
		let entries = std::fs::read_dir(&self.dir)
			.map_err(|e| Error::Keystore(format!("{}: {e}", self.dir.display())))?;
		let mut identities = Vec::new();
		for entry in entries.flatten() {
			let path = entry.path();
			let Some(name) = path.file_stem().and_then(|s| s.to_str()) else { continue };
			if path.extension().and_then(|e| e.to_str()) != Some("json") {
				continue;
			}
			let sealed = self.read(name)?;
			identities.push(Identity {
				name: name.to_string(),
				account: sealed.account,
				encryption_public: sealed.encryption_public,
			});
		}
		identities.sort_by(|a, b| a.name.cmp(&b.name));
		Ok(identities)
	}

	fn read(&self, name: &str) -> Result<Sealed, Error> {
		let path = self.path(name)?;
		let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
			std::io::ErrorKind::NotFound => Error::Keystore(format!(
				"no identity named '{name}' in {}; create one with `medledger keys new --name {name}`",
				self.dir.display()
			)),
			_ => Error::Keystore(format!("{}: {e}", path.display())),
		})?;
		let sealed: Sealed = serde_json::from_slice(&bytes).map_err(|_| corrupt(name))?;
		if sealed.version != FORMAT_VERSION {
			return Err(Error::Keystore(format!(
				"'{name}' is in keystore format {} and this version reads {FORMAT_VERSION}",
				sealed.version
			)));
		}
		Ok(sealed)
	}
}

/// Refuse key derivation costs outside [`MEMORY_KIB_RANGE`] and [`PASSES_RANGE`].
fn check_costs(name: &str, memory_kib: u32, passes: u32) -> Result<(), Error> {
	if MEMORY_KIB_RANGE.contains(&memory_kib) && PASSES_RANGE.contains(&passes) {
		return Ok(());
	}
	Err(Error::Keystore(format!(
		"the keystore file of '{name}' asks for {memory_kib} KiB and {passes} passes of Argon2id; \
		 this version derives keys with {} to {} KiB and {} to {} passes: the file is damaged or \
		 not one this tool wrote; recover the identity from its phrase",
		MEMORY_KIB_RANGE.start(),
		MEMORY_KIB_RANGE.end(),
		PASSES_RANGE.start(),
		PASSES_RANGE.end()
	)))
}

fn corrupt(name: &str) -> Error {
	Error::Keystore(format!("the keystore file of '{name}' is damaged; recover it from its phrase"))
}

fn derive_key(
	passphrase: &str,
	salt: &[u8],
	memory_kib: u32,
	passes: u32,
) -> Result<Zeroizing<[u8; 32]>, Error> {
	let params = argon2::Params::new(memory_kib, passes, 1, Some(32))
		.map_err(|e| Error::Keystore(format!("key derivation parameters: {e}")))?;
	let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
	let mut key = Zeroizing::new([0u8; 32]);
	argon
		.hash_password_into(passphrase.as_bytes(), salt, key.as_mut())
		.map_err(|e| Error::Keystore(format!("key derivation: {e}")))?;
	Ok(key)
}

/// Write `bytes` to a new file that only its owner may read.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), Error> {
	use std::io::Write;
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	{
		use std::os::unix::fs::OpenOptionsExt;
		options.mode(0o600);
	}
	let mut file =
		options.open(path).map_err(|e| Error::Keystore(format!("{}: {e}", path.display())))?;
	file.write_all(bytes)
		.and_then(|()| file.sync_all())
		.map_err(|e| Error::Keystore(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn saved_keys_come_back_only_with_the_passphrase() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(dir.path()).unwrap();
		let keys = Keys::generate();
		let identity = store.save("zoe", &keys, "correct horse").unwrap();
		assert_eq!(identity.account, keys.account_id().to_string());

		let loaded = store.load("zoe", "correct horse").unwrap();
		assert_eq!(loaded.account_id(), keys.account_id());
		assert_eq!(loaded.encryption_public(), keys.encryption_public());
		assert!(matches!(store.load("zoe", "wrong horse"), Err(Error::WrongPassphrase(_))));

		// The file shows nothing secret.
		let file = std::fs::read_to_string(dir.path().join("zoe.json")).unwrap();
		// Not the phrase, nor any two of its words in a row (a single short word may turn up
		// by chance in hex or base64).
		let words: Vec<&str> = keys.phrase().split(' ').collect();
		for pair in words.windows(2) {
			assert!(!file.contains(&pair.join(" ")), "the phrase leaked into the file");
		}
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(dir.path().join("zoe.json")).unwrap().permissions().mode();
			assert_eq!(mode & 0o777, 0o600);
		}
	}

	#[test]
	fn identities_are_listed_without_the_passphrase_and_never_overwritten() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(dir.path()).unwrap();
		let (a, b) = (Keys::generate(), Keys::generate());
		store.save("b-clinic", &b, "x").unwrap();
		store.save("a-patient", &a, "y").unwrap();
		let listed = store.list().unwrap();
		assert_eq!(
			listed.iter().map(|i| i.name.as_str()).collect::<Vec<_>>(),
			vec!["a-patient", "b-clinic"]
		);
		assert_eq!(listed[0].account, a.account_id().to_string());
		assert!(matches!(store.save("a-patient", &b, "z"), Err(Error::Keystore(_))));
		assert_eq!(store.load("a-patient", "y").unwrap().account_id(), a.account_id());
	}

	#[test]
	fn bad_names_and_damaged_files_get_clear_errors() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(dir.path()).unwrap();
		let keys = Keys::generate();
		for name in ["", "../escape", "with space", &"x".repeat(65)] {
			assert!(matches!(store.save(name, &keys, "p"), Err(Error::Keystore(_))), "{name}");
		}
		let missing = store.load("nobody", "p").unwrap_err().to_string();
		assert!(missing.contains("medledger keys new"), "{missing}");

		store.save("zoe", &keys, "p").unwrap();
		let path = dir.path().join("zoe.json");
		let mut sealed: serde_json::Value =
			serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
		sealed["phrase"] = serde_json::Value::String("00ff".into());
		std::fs::write(&path, serde_json::to_vec(&sealed).unwrap()).unwrap();
		assert!(matches!(store.load("zoe", "p"), Err(Error::WrongPassphrase(_))));
	}

	#[test]
	fn absurd_key_derivation_costs_are_refused_before_deriving() {
		let dir = tempfile::tempdir().unwrap();
		let store = Keystore::open(dir.path()).unwrap();
		let keys = Keys::generate();
		store.save("zoe", &keys, "p").unwrap();
		let path = dir.path().join("zoe.json");
		let honest: serde_json::Value =
			serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
		for (field, value) in [
			("memory_kib", u64::from(u32::MAX)),
			("memory_kib", 4 * 1024 * 1024),
			("memory_kib", 8),
			("passes", 1_000_000),
			("passes", 0),
		] {
			let mut planted = honest.clone();
			planted[field] = serde_json::json!(value);
			std::fs::write(&path, serde_json::to_vec(&planted).unwrap()).unwrap();
			// Were it obeyed, this would take gigabytes of memory or hours.
			let started = std::time::Instant::now();
			let refused = store.load("zoe", "p").unwrap_err().to_string();
			assert!(refused.contains("passes of Argon2id"), "{field} = {value}: {refused}");
			assert!(started.elapsed() < std::time::Duration::from_secs(5));
		}
		std::fs::write(&path, serde_json::to_vec(&honest).unwrap()).unwrap();
		assert_eq!(store.load("zoe", "p").unwrap().account_id(), keys.account_id());
	}
}
