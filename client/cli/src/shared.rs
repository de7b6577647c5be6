//! What the area modules share: the keystore, who signs (`--as`), which account a name means,
//! and that an amount to move is more than nothing. A leaf: it imports no other module of the
//! CLI, so that areas import it and never each other.

use medledger_client::{
	types::{token, AccountId, Amount},
	Error, Keys, Keystore,
};
use std::path::PathBuf;

/// The keystore: `--keystore`, else `$MEDLEDGER_KEYSTORE`, else `~/.medledger/keystore`.
pub(crate) fn keystore(dir: Option<PathBuf>) -> Result<Keystore, Error> {
	let dir = match dir {
		Some(dir) => dir,
		None => {
			let home = std::env::var_os("HOME").ok_or_else(|| {
				Error::Invalid("no home directory: give the keystore with --keystore".into())
			})?;
			PathBuf::from(home).join(".medledger").join("keystore")
		},
	};
	Keystore::open(dir)
}

/// A passphrase: `$MEDLEDGER_PASSPHRASE`, else asked for after `prompt`.
pub(crate) fn passphrase(prompt: &str) -> Result<String, Error> {
	if let Ok(p) = std::env::var("MEDLEDGER_PASSPHRASE") {
		return Ok(p);
	}
	rpassword::prompt_password(prompt).map_err(|e| {
		Error::Invalid(format!("cannot read the passphrase: {e}; set MEDLEDGER_PASSPHRASE"))
	})
}

/// The keys of `who`: a development name (`//Alice`) or an identity in the keystore.
pub(crate) fn signer(store: &Keystore, who: &str) -> Result<Keys, Error> {
	if who.starts_with("//") {
		return Keys::from_uri(who);
	}
	store.load(who, &passphrase(&format!("passphrase for '{who}': "))?)
}

/// An account from an SS58 address, a development name or an identity name.
pub(crate) fn account(store: &Keystore, who: &str) -> Result<AccountId, Error> {
	if who.starts_with("//") {
		return Ok(Keys::from_uri(who)?.account_id());
	}
	if let Ok(id) = who.parse::<AccountId>() {
		return Ok(id);
	}
	let known = store.list()?;
	known.iter().find(|i| i.name == who).and_then(|i| i.account.parse().ok()).ok_or_else(|| {
		Error::Invalid(format!(
			"'{who}' is neither an address nor an identity in the keystore (`medledger keys list`)"
		))
	})
}

/// An amount above zero, in the chain's smallest unit: what a transfer or a payment moves.
pub(crate) fn positive(amount: Amount) -> Result<u128, Error> {
	match amount {
		Amount(0) => {
			Err(Error::Invalid(format!("the amount must be more than 0 {}", token::SYMBOL)))
		},
		Amount(planck) => Ok(planck),
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_amount_must_be_more_than_nothing() {
		assert!(matches!(positive(Amount(0)), Err(Error::Invalid(_))));
		assert_eq!(positive("1.5".parse().expect("reads")).ok(), Some(1_500_000_000_000));
	}
}
