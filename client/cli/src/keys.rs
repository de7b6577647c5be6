//! `medledger keys`: identities in the keystore, one 12-word phrase each.

use crate::{output::Output, shared::passphrase, KeysCommand};
use medledger_client::{Error, Keys, Keystore};
use serde_json::json;

pub fn run(store: &Keystore, out: Output, command: KeysCommand) -> Result<(), Error> {
	match command {
		KeysCommand::New { name } => {
			let keys = Keys::generate();
			let pass = passphrase("passphrase for the new identity: ")?;
			let identity = store.save(&name, &keys, &pass)?;
			if !out.json {
				eprintln!("Write these 12 words down and keep them safe: they recover every key.");
			}
			out.record(
				&[("name", identity.name.clone()), ("account", identity.account.clone()), ("phrase", keys.phrase().to_string())],
				&json!({ "name": identity.name, "account": identity.account, "encryption_public": identity.encryption_public, "phrase": keys.phrase() }),
			);
			Ok(())
		},
		KeysCommand::Recover { name } => {
			let mut phrase = String::new();
			std::io::stdin()
				.read_line(&mut phrase)
				.map_err(|e| Error::Invalid(format!("cannot read the phrase: {e}")))?;
			let keys = Keys::from_uri(&phrase)?;
			let identity = store.save(&name, &keys, &passphrase("passphrase: ")?)?;
			out.record(
				&[("name", identity.name.clone()), ("account", identity.account.clone())],
				&identity,
			);
			Ok(())
		},
		KeysCommand::List => {
			let identities = store.list()?;
			let rows = identities
				.iter()
				.map(|i| vec![i.name.clone(), i.account.clone(), i.encryption_public.clone()])
				.collect();
			out.table(&["name", "account", "encryption key"], rows, &identities);
			Ok(())
		},
	}
}
