//! A person's keys, all recovered from one 12-word BIP39 phrase:
//!
//! - the **account** key (sr25519), derived from the phrase exactly as Substrate wallets do, so
//!   the same words give the same account in any wallet;
//! - the **encryption** key (x25519), to which record metadata, inquiry notes and released
//!   records are sealed: `blake2_256("medledger/encryption/v1" ‖ BIP39 seed)`, where the BIP39
//!   seed is the standard PBKDF2 of the phrase with an empty passphrase. A wallet that knows only
//!   the account never learns it; the phrase alone recovers it.
//!
//! Sealing is a libsodium-compatible sealed box (X25519, XSalsa20-Poly1305): anyone can seal to
//! a public key, only the holder of the secret key can open.

use crate::Error;
use crypto_box::{PublicKey, SecretKey};
use subxt_signer::{bip39::Mnemonic, sr25519};
use zeroize::Zeroizing;

/// The domain of the encryption key's derivation: changing it changes every key.
const ENCRYPTION_KEY_DOMAIN: &[u8] = b"medledger/encryption/v1";

/// One person's keys: account and encryption, from one phrase.
pub struct Keys {
	phrase: Zeroizing<String>,
	account: sr25519::Keypair,
	encryption: SecretKey,
}

impl Keys {
	/// Fresh keys from a new random 12-word phrase.
	pub fn generate() -> Self {
		let mut entropy = Zeroizing::new([0u8; 16]);
		rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, entropy.as_mut());
		// 16 bytes of entropy always make a valid 12-word phrase.
		let mnemonic = Mnemonic::from_entropy(entropy.as_ref())
			.unwrap_or_else(|_| unreachable!("16 bytes are valid BIP39 entropy"));
		Self::from_mnemonic(&mnemonic)
	}

	/// The keys of an existing phrase.
	pub fn from_phrase(phrase: &str) -> Result<Self, Error> {
		let normalized = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
		let mnemonic =
			Mnemonic::parse(&normalized).map_err(|e| Error::InvalidPhrase(e.to_string()))?;
		Ok(Self::from_mnemonic(&mnemonic))
	}

	/// The keys of a secret URI: a phrase followed by a derivation path, as Substrate tools
	/// write them (`"<12 words>//clinic//1"`), or a development name (`//Alice`, on the
	/// well-known development phrase). The account is derived as every Substrate tool derives
	/// it; the encryption key hashes the path in after the seed. Without a path it is
	/// [`Keys::from_phrase`].
	pub fn from_uri(uri: &str) -> Result<Self, Error> {
		let uri = uri.trim();
		let path_start = uri.find('/').unwrap_or(uri.len());
		let (phrase, path) = uri.split_at(path_start);
		if path.is_empty() {
			return Self::from_phrase(phrase);
		}
		let parsed: subxt_signer::SecretUri =
			uri.parse().map_err(|e| Error::InvalidPhrase(format!("{e:?}")))?;
		if parsed.password.is_some() {
			return Err(Error::InvalidPhrase("passwords in secret URIs are not supported".into()));
		}
		let account = sr25519::Keypair::from_uri(&parsed)
			.map_err(|e| Error::InvalidPhrase(format!("{e:?}")))?;
		let phrase = if phrase.trim().is_empty() { subxt_signer::DEV_PHRASE } else { phrase };
		let mnemonic = Mnemonic::parse(phrase.split_whitespace().collect::<Vec<_>>().join(" "))
			.map_err(|e| Error::InvalidPhrase(e.to_string()))?;
		let encryption = encryption_key(&mnemonic, path.as_bytes());
		let secret = format!("{phrase}{path}");
		Ok(Self { phrase: Zeroizing::new(secret), account, encryption })
	}

	fn from_mnemonic(mnemonic: &Mnemonic) -> Self {
		let account = sr25519::Keypair::from_phrase(mnemonic, None)
			.unwrap_or_else(|_| unreachable!("a parsed phrase has valid entropy"));
		Self {
			phrase: Zeroizing::new(mnemonic.to_string()),
			account,
			encryption: encryption_key(mnemonic, b""),
		}
	}

	/// The phrase (with its derivation path, if it has one), to write down: it recovers every
	/// key.
	pub fn phrase(&self) -> &str {
		&self.phrase
	}

	/// The account key, which signs transactions and gateway challenges.
	pub fn account(&self) -> &sr25519::Keypair {
		&self.account
	}

	/// The account's identifier on chain.
	pub fn account_id(&self) -> subxt::utils::AccountId32 {
		self.account.public_key().to_account_id()
	}

	/// The public encryption key, registered on chain.
	pub fn encryption_public(&self) -> [u8; 32] {
		*self.encryption.public_key().as_bytes()
	}

	/// Open what was sealed to this person's encryption key.
	pub fn open(&self, sealed: &[u8]) -> Result<Vec<u8>, Error> {
		self.encryption.unseal(sealed).map_err(|_| Error::CannotOpen)
	}
}

impl core::fmt::Debug for Keys {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		// Never the phrase or a secret.
		f.debug_struct("Keys").field("account", &self.account_id().to_string()).finish()
	}
}

/// `blake2_256(domain ‖ BIP39 seed ‖ path)`: the x25519 secret of a phrase and a path.
fn encryption_key(mnemonic: &Mnemonic, path: &[u8]) -> SecretKey {
	let seed = Zeroizing::new(mnemonic.to_seed(""));
	let mut input =
		Zeroizing::new(Vec::with_capacity(ENCRYPTION_KEY_DOMAIN.len() + 64 + path.len()));
	input.extend_from_slice(ENCRYPTION_KEY_DOMAIN);
	input.extend_from_slice(seed.as_ref());
	input.extend_from_slice(path);
	let secret = Zeroizing::new(sp_crypto_hashing::blake2_256(&input));
	SecretKey::from(*secret)
}

/// Seal `message` to the x25519 public key `to`: only its holder can open it.
pub fn seal(to: &[u8; 32], message: &[u8]) -> Result<Vec<u8>, Error> {
	PublicKey::from(*to).seal(&mut rand::rngs::OsRng, message).map_err(|_| Error::CannotSeal)
}

#[cfg(test)]
mod tests {
	use super::*;

	const PHRASE: &str = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";

	#[test]
	fn one_phrase_recovers_the_account_and_the_encryption_key() {
		let first = Keys::from_phrase(PHRASE).unwrap();
		// Extra spaces and line breaks in what someone typed do not matter.
		let again = Keys::from_phrase(&PHRASE.replace(' ', "  \n")).unwrap();
		assert_eq!(first.account_id(), again.account_id());
		assert_eq!(first.encryption_public(), again.encryption_public());
		// The well-known development phrase gives the well-known development root account,
		// as in every Substrate wallet.
		assert_eq!(
			first.account_id().to_string(),
			"5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"
		);
	}

	#[test]
	fn different_phrases_give_different_keys() {
		let one = Keys::generate();
		let two = Keys::generate();
		assert_ne!(one.account_id(), two.account_id());
		assert_ne!(one.encryption_public(), two.encryption_public());
		assert_eq!(one.phrase().split(' ').count(), 12);
		let recovered = Keys::from_phrase(one.phrase()).unwrap();
		assert_eq!(recovered.encryption_public(), one.encryption_public());
	}

	#[test]
	fn a_wrong_phrase_is_refused_with_a_reason() {
		let wrong = PHRASE.replace("walk", "walks");
		assert!(matches!(Keys::from_phrase(&wrong), Err(Error::InvalidPhrase(_))));
		assert!(matches!(Keys::from_phrase("one two three"), Err(Error::InvalidPhrase(_))));
	}

	#[test]
	fn only_the_holder_opens_what_is_sealed_to_them() {
		let patient = Keys::generate();
		let stranger = Keys::generate();
		let sealed = seal(&patient.encryption_public(), b"HbA1c 6.1%").unwrap();
		assert_eq!(patient.open(&sealed).unwrap(), b"HbA1c 6.1%");
		assert!(matches!(stranger.open(&sealed), Err(Error::CannotOpen)));
		let mut tampered = sealed.clone();
		let last = tampered.len() - 1;
		tampered[last] ^= 1;
		assert!(matches!(patient.open(&tampered), Err(Error::CannotOpen)));
	}

	#[test]
	fn development_names_give_the_development_accounts() {
		let alice = Keys::from_uri("//Alice").unwrap();
		let dev_alice = subxt_signer::sr25519::dev::alice().public_key().to_account_id();
		assert_eq!(alice.account_id(), dev_alice);
		let again = Keys::from_uri(alice.phrase()).unwrap();
		assert_eq!(again.account_id(), alice.account_id());
		assert_eq!(again.encryption_public(), alice.encryption_public());
		assert_ne!(Keys::from_uri("//Bob").unwrap().encryption_public(), alice.encryption_public());
		// Without a path, a URI is just the phrase.
		let plain = Keys::from_uri(PHRASE).unwrap();
		assert_eq!(plain.account_id(), Keys::from_phrase(PHRASE).unwrap().account_id());
	}

	#[test]
	fn debug_output_shows_no_secret() {
		let keys = Keys::from_phrase(PHRASE).unwrap();
		let shown = format!("{keys:?}");
		assert!(!shown.contains("bottom"));
		assert!(shown.contains("5DfhGyQd"));
	}
}
