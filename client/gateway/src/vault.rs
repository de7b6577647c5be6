//! Records at rest: each record encrypted under its own random key (XChaCha20-Poly1305), that
//! key wrapped under the gateway's master key. The chain's content hash is BLAKE2-256 of the
//! stored ciphertext.
//!
//! A wrapped key is bound to what it belongs to (associated data): while an upload waits for
//! the chain, to the upload's content hash; once its document set is registered, to the record
//! identifier. A wrapped key copied to another row of the database does not unwrap there.
//! (Keys wrapped before this binding do not unwrap: there was no deployed data to carry over.)
//!
//! A release hands the requester the stored ciphertext and the record's key, sealed together to
//! the requester's encryption key: the requester opens the seal, checks the ciphertext's hash
//! against the chain, and decrypts.
//!
//! The master key is made once, on purpose ([`Vault::create`], the gateway's `--init`), and only
//! read after ([`Vault::open`]): a missing key file is an error, never a reason to make a new
//! key under which the records already stored could not be read.

use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	XChaCha20Poly1305, XNonce,
};
use medledger_client::types::RecordId;
use rand::RngCore;
use std::path::Path;
use zeroize::Zeroizing;

const NONCE: usize = 24;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
	#[error("master key: {0}")]
	MasterKey(String),
	#[error(
		"no master key at {0}. A new gateway makes one with --init (once); a gateway that had \
		 one must get it back (from its backup): without it no stored record can be read"
	)]
	Missing(String),
	#[error("a stored record does not decrypt: the store or the master key is not this gateway's")]
	Damaged,
}

/// Encrypt `plain` under `key`: nonce ‖ ciphertext.
pub fn encrypt(key: &[u8; 32], plain: &[u8]) -> Vec<u8> {
	encrypt_bound(key, plain, &[])
}

/// Decrypt what [`encrypt`] made.
pub fn decrypt(key: &[u8; 32], stored: &[u8]) -> Result<Vec<u8>, VaultError> {
	decrypt_bound(key, stored, &[])
}

/// Encrypt `plain` under `key`, bound to `aad`: it decrypts only with the same `aad`.
fn encrypt_bound(key: &[u8; 32], plain: &[u8], aad: &[u8]) -> Vec<u8> {
	let mut nonce = [0u8; NONCE];
	rand::rngs::OsRng.fill_bytes(&mut nonce);
	let cipher = XChaCha20Poly1305::new(key.into());
	let sealed = cipher
		.encrypt(XNonce::from_slice(&nonce), Payload { msg: plain, aad })
		.unwrap_or_else(|_| unreachable!("XChaCha20-Poly1305 encrypts any length we hold"));
	[nonce.as_slice(), &sealed].concat()
}

fn decrypt_bound(key: &[u8; 32], stored: &[u8], aad: &[u8]) -> Result<Vec<u8>, VaultError> {
	if stored.len() < NONCE {
		return Err(VaultError::Damaged);
	}
	let (nonce, sealed) = stored.split_at(NONCE);
	XChaCha20Poly1305::new(key.into())
		.decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad })
		.map_err(|_| VaultError::Damaged)
}

/// What a waiting upload's key is bound to: its content hash.
fn upload_binding(content_hash: &[u8; 32]) -> Vec<u8> {
	[b"medledger-gateway/record-key/v1/upload/".as_slice(), content_hash].concat()
}

/// What a record's key is bound to: its identifier.
fn record_binding(record: RecordId) -> Vec<u8> {
	[b"medledger-gateway/record-key/v1/record/".as_slice(), &record.0.to_be_bytes()].concat()
}

/// The content hash the chain holds for `stored`.
pub fn content_hash(stored: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(stored)
}

/// The master key, which wraps every record's key.
pub struct Vault {
	master: Zeroizing<[u8; 32]>,
}

/// A record encrypted for storage.
pub struct Sealed {
	pub wrapped_key: Vec<u8>,
	pub ciphertext: Vec<u8>,
	pub content_hash: [u8; 32],
}

impl Vault {
	/// The master key in `path` (64 hex digits). A missing file is [`VaultError::Missing`]:
	/// make the key once with [`Vault::create`].
	pub fn open(path: &Path) -> Result<Self, VaultError> {
		match std::fs::read_to_string(path) {
			Ok(text) => {
				let bytes = hex::decode(text.trim())
					.ok()
					.and_then(|b| <[u8; 32]>::try_from(b).ok())
					.ok_or_else(|| {
						VaultError::MasterKey(format!(
							"{} does not hold 64 hex digits",
							path.display()
						))
					})?;
				Ok(Self { master: Zeroizing::new(bytes) })
			},
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
				Err(VaultError::Missing(path.display().to_string()))
			},
			Err(e) => Err(VaultError::MasterKey(format!("{}: {e}", path.display()))),
		}
	}

	/// Make a new master key in `path` (mode 0600), for a new gateway. Refuses to replace a key
	/// that exists.
	pub fn create(path: &Path) -> Result<Self, VaultError> {
		if path.exists() {
			return Err(VaultError::MasterKey(format!(
				"{} exists already: a gateway's master key is made once; start without --init",
				path.display()
			)));
		}
		let mut key = Zeroizing::new([0u8; 32]);
		rand::rngs::OsRng.fill_bytes(key.as_mut());
		let text = Zeroizing::new(hex::encode(key.as_ref()));
		write_private(path, text.as_bytes())?;
		Ok(Self { master: key })
	}

	/// A vault with the given master key (tests).
	pub fn with_key(master: [u8; 32]) -> Self {
		Self { master: Zeroizing::new(master) }
	}

	/// Encrypt a record under a fresh key of its own, wrapped for the upload (bound to the
	/// ciphertext's content hash) until its document set is registered.
	pub fn seal(&self, plain: &[u8]) -> Sealed {
		let mut key = Zeroizing::new([0u8; 32]);
		rand::rngs::OsRng.fill_bytes(key.as_mut());
		let ciphertext = encrypt(&key, plain);
		let hash = content_hash(&ciphertext);
		Sealed {
			wrapped_key: encrypt_bound(&self.master, key.as_ref(), &upload_binding(&hash)),
			content_hash: hash,
			ciphertext,
		}
	}

	/// The upload's key (wrapped by [`Vault::seal`]) wrapped anew for the record its document
	/// set was registered as.
	pub fn rewrap_for_record(
		&self,
		wrapped: &[u8],
		content_hash: &[u8; 32],
		record: RecordId,
	) -> Result<Vec<u8>, VaultError> {
		let key = unwrap_bound(&self.master, wrapped, &upload_binding(content_hash))?;
		Ok(encrypt_bound(&self.master, key.as_ref(), &record_binding(record)))
	}

	/// The key of `record`, from its wrapped key as stored under that record.
	pub fn unwrap_record_key(
		&self,
		wrapped: &[u8],
		record: RecordId,
	) -> Result<Zeroizing<[u8; 32]>, VaultError> {
		unwrap_bound(&self.master, wrapped, &record_binding(record))
	}
}

fn unwrap_bound(
	master: &[u8; 32],
	wrapped: &[u8],
	binding: &[u8],
) -> Result<Zeroizing<[u8; 32]>, VaultError> {
	let key = Zeroizing::new(decrypt_bound(master, wrapped, binding)?);
	let key: [u8; 32] = key.as_slice().try_into().map_err(|_| VaultError::Damaged)?;
	Ok(Zeroizing::new(key))
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
	use std::io::Write;
	if let Some(dir) = path.parent() {
		std::fs::create_dir_all(dir)
			.map_err(|e| VaultError::MasterKey(format!("{}: {e}", dir.display())))?;
	}
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	{
		use std::os::unix::fs::OpenOptionsExt;
		options.mode(0o600);
	}
	let mut file = options
		.open(path)
		.map_err(|e| VaultError::MasterKey(format!("{}: {e}", path.display())))?;
	file.write_all(bytes)
		.and_then(|()| file.sync_all())
		.map_err(|e| VaultError::MasterKey(format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
	use super::*;

	const RESOURCE: &[u8] = b"{\"resourceType\":\"Observation\"}";

	#[test]
	fn a_record_round_trips_and_its_hash_is_of_the_ciphertext() {
		let vault = Vault::with_key([9; 32]);
		let sealed = vault.seal(RESOURCE);
		assert_eq!(sealed.content_hash, content_hash(&sealed.ciphertext));
		let wrapped = vault
			.rewrap_for_record(&sealed.wrapped_key, &sealed.content_hash, RecordId(3))
			.unwrap();
		let key = vault.unwrap_record_key(&wrapped, RecordId(3)).unwrap();
		assert_eq!(decrypt(&key, &sealed.ciphertext).unwrap(), RESOURCE);
		// Another master key cannot unwrap it; a flipped byte does not decrypt.
		assert!(Vault::with_key([8; 32]).unwrap_record_key(&wrapped, RecordId(3)).is_err());
		let mut tampered = sealed.ciphertext.clone();
		tampered[30] ^= 1;
		assert!(decrypt(&key, &tampered).is_err());
	}

	#[test]
	fn a_wrapped_key_unwraps_only_for_its_own_record() {
		let vault = Vault::with_key([9; 32]);
		let sealed = vault.seal(RESOURCE);
		let wrapped = vault
			.rewrap_for_record(&sealed.wrapped_key, &sealed.content_hash, RecordId(3))
			.unwrap();
		assert!(matches!(vault.unwrap_record_key(&wrapped, RecordId(4)), Err(VaultError::Damaged)));
		// An upload's wrap is bound to its content hash, and is not a record's.
		assert!(vault.rewrap_for_record(&sealed.wrapped_key, &[0; 32], RecordId(3)).is_err());
		assert!(vault.unwrap_record_key(&sealed.wrapped_key, RecordId(3)).is_err());
		// A key wrapped without a binding (before there was one) does not unwrap either.
		let unbound = encrypt(&[9; 32], &[5; 32]);
		assert!(vault.unwrap_record_key(&unbound, RecordId(3)).is_err());
	}

	#[test]
	fn the_master_key_is_made_once_on_purpose_and_never_replaced() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("keys").join("master.key");
		let missing = Vault::open(&path).err().unwrap();
		assert!(matches!(missing, VaultError::Missing(_)));
		assert!(missing.to_string().contains("--init"), "{missing}");
		assert!(!path.exists(), "opening made no key");

		let first = Vault::create(&path).unwrap();
		let sealed = first.seal(b"x");
		let wrapped = first
			.rewrap_for_record(&sealed.wrapped_key, &sealed.content_hash, RecordId(1))
			.unwrap();
		assert!(matches!(Vault::create(&path), Err(VaultError::MasterKey(_))), "not replaced");
		let again = Vault::open(&path).unwrap();
		assert!(again.unwrap_record_key(&wrapped, RecordId(1)).is_ok());
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = std::fs::metadata(&path).unwrap().permissions().mode();
			assert_eq!(mode & 0o777, 0o600);
		}
		std::fs::write(&path, "not hex").unwrap();
		assert!(matches!(Vault::open(&path), Err(VaultError::MasterKey(_))));
	}
}
