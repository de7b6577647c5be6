//! Records at rest: each record encrypted under its own random key (XChaCha20-Poly1305), that
//! key wrapped under the gateway's master key. The chain's content hash is BLAKE2-256 of the
//! stored ciphertext.
//!
//! A release hands the requester the stored ciphertext and the record's key, sealed together to
//! the requester's encryption key: the requester opens the seal, checks the ciphertext's hash
//! against the chain, and decrypts.

use chacha20poly1305::{
	aead::{Aead, KeyInit},
	XChaCha20Poly1305, XNonce,
};
use rand::RngCore;
use std::path::Path;
use zeroize::Zeroizing;

const NONCE: usize = 24;

#[derive(Debug, thiserror::Error)]
pub enum VaultError {
	#[error("master key: {0}")]
	MasterKey(String),
	#[error("a stored record does not decrypt: the store or the master key is not this gateway's")]
	Damaged,
}

/// Encrypt `plain` under `key`: nonce ‖ ciphertext.
pub fn encrypt(key: &[u8; 32], plain: &[u8]) -> Vec<u8> {
	let mut nonce = [0u8; NONCE];
	rand::rngs::OsRng.fill_bytes(&mut nonce);
	let cipher = XChaCha20Poly1305::new(key.into());
	let sealed = cipher
		.encrypt(XNonce::from_slice(&nonce), plain)
		.unwrap_or_else(|_| unreachable!("XChaCha20-Poly1305 encrypts any length we hold"));
	[nonce.as_slice(), &sealed].concat()
}

/// Decrypt what [`encrypt`] made.
pub fn decrypt(key: &[u8; 32], stored: &[u8]) -> Result<Vec<u8>, VaultError> {
	if stored.len() < NONCE {
		return Err(VaultError::Damaged);
	}
	let (nonce, sealed) = stored.split_at(NONCE);
	XChaCha20Poly1305::new(key.into())
		.decrypt(XNonce::from_slice(nonce), sealed)
		.map_err(|_| VaultError::Damaged)
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
	/// The master key in `path` (64 hex digits); a new one is made there (mode 0600) if the file
	/// does not exist.
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
				let mut key = Zeroizing::new([0u8; 32]);
				rand::rngs::OsRng.fill_bytes(key.as_mut());
				write_private(path, hex::encode(key.as_ref()).as_bytes())?;
				Ok(Self { master: key })
			},
			Err(e) => Err(VaultError::MasterKey(format!("{}: {e}", path.display()))),
		}
	}

	/// A vault with the given master key (tests).
	pub fn with_key(master: [u8; 32]) -> Self {
		Self { master: Zeroizing::new(master) }
	}

	/// Encrypt a record under a fresh key of its own.
	pub fn seal(&self, plain: &[u8]) -> Sealed {
		let mut key = Zeroizing::new([0u8; 32]);
		rand::rngs::OsRng.fill_bytes(key.as_mut());
		let ciphertext = encrypt(&key, plain);
		Sealed {
			wrapped_key: encrypt(&self.master, key.as_ref()),
			content_hash: content_hash(&ciphertext),
			ciphertext,
		}
	}

	/// The record key that `wrapped` holds.
	pub fn unwrap_key(&self, wrapped: &[u8]) -> Result<Zeroizing<[u8; 32]>, VaultError> {
		let key = Zeroizing::new(decrypt(&self.master, wrapped)?);
		let key: [u8; 32] = key.as_slice().try_into().map_err(|_| VaultError::Damaged)?;
		Ok(Zeroizing::new(key))
	}
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

	#[test]
	fn a_record_round_trips_and_its_hash_is_of_the_ciphertext() {
		let vault = Vault::with_key([9; 32]);
		let sealed = vault.seal(b"{\"resourceType\":\"Observation\"}");
		assert_eq!(sealed.content_hash, content_hash(&sealed.ciphertext));
		let key = vault.unwrap_key(&sealed.wrapped_key).unwrap();
		assert_eq!(
			decrypt(&key, &sealed.ciphertext).unwrap(),
			b"{\"resourceType\":\"Observation\"}"
		);
		// Another master key cannot unwrap it; a flipped byte does not decrypt.
		assert!(Vault::with_key([8; 32]).unwrap_key(&sealed.wrapped_key).is_err());
		let mut tampered = sealed.ciphertext.clone();
		tampered[30] ^= 1;
		assert!(decrypt(&key, &tampered).is_err());
	}

	#[test]
	fn the_master_key_is_made_once_and_kept() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("keys").join("master.key");
		let first = Vault::open(&path).unwrap();
		let sealed = first.seal(b"x");
		let again = Vault::open(&path).unwrap();
		assert!(again.unwrap_key(&sealed.wrapped_key).is_ok());
		std::fs::write(&path, "not hex").unwrap();
		assert!(matches!(Vault::open(&path), Err(VaultError::MasterKey(_))));
	}
}
